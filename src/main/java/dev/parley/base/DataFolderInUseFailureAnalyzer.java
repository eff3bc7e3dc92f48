package dev.parley.base;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says in the start-up failure report what to do about a data folder that another Parley holds. */
class DataFolderInUseFailureAnalyzer extends AbstractFailureAnalyzer<DataFolderInUseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DataFolderInUseException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Stop the Parley that holds " + cause.folder() + " first, or give this one a data folder of its own"
                        + " (parley.data-dir, or PARLEY_DATA_DIR): one data folder serves one Parley at a time.",
                cause);
    }
}

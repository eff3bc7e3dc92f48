package dev.parley.files;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says in the start-up failure report why the bucket for files cannot be used, and what to change. */
class FileStoreSetUpFailureAnalyzer extends AbstractFailureAnalyzer<FileStoreSetUpException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, FileStoreSetUpException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "See \"Running a cluster\" in the README: PARLEY_FILES_S3_ENDPOINT and PARLEY_FILES_S3_BUCKET must name"
                        + " a bucket that exists and that PARLEY_FILES_S3_ACCESS_KEY and PARLEY_FILES_S3_SECRET_KEY may"
                        + " read and write; leave both unset to keep files in the data folder.",
                cause);
    }
}

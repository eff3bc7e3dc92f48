package dev.parley;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * For tests that start whole applications themselves: each installs its own global
 * {@link SecurityContextHolderStrategy} (Vaadin's) and leaves it behind when it closes, while the test contexts that
 * Spring caches for other test classes hold theirs, and their API token filter would otherwise set the signed-in user
 * through the closed application's strategy. This puts the strategy of before each test back after it.
 */
public final class SecurityContextStrategyRestored implements BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SecurityContextStrategyRestored.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NAMESPACE).put("strategy", SecurityContextHolder.getContextHolderStrategy());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        SecurityContextHolder.setContextHolderStrategy(
                context.getStore(NAMESPACE).get("strategy", SecurityContextHolderStrategy.class));
    }
}

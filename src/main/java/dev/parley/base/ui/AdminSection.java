package dev.parley.base.ui;

import com.vaadin.flow.component.Component;
import org.springframework.core.Ordered;

/**
 * A section of the Administration page ({@code /admin}) that a feature contributes, so that the page, in
 * {@code accounts}, need not know the features that depend on accounts (the search index's, say). Each is a Spring
 * bean; the page adds their components after its own "Storage" section, lowest {@link #getOrder() order} first.
 */
public interface AdminSection extends Ordered {

    /**
     * A new component for one view of the page, heading included. It is made before the page checks that the viewer is
     * an instance admin, so it reads nothing that only admins may read until it is attached.
     */
    Component create();

    @Override
    default int getOrder() {
        return 0;
    }
}

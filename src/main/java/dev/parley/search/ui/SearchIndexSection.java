package dev.parley.search.ui;

import com.vaadin.flow.component.Component;
import dev.parley.accounts.CurrentUser;
import dev.parley.base.ui.AdminSection;
import dev.parley.search.IndexAdministration;

/**
 * Puts the search index's section ({@link SearchIndexPanel}) on the Administration page, first after "Storage", for the
 * instance admin viewing it.
 */
@org.springframework.stereotype.Component
class SearchIndexSection implements AdminSection {

    private final IndexAdministration administration;
    private final CurrentUser currentUser;

    SearchIndexSection(IndexAdministration administration, CurrentUser currentUser) {
        this.administration = administration;
        this.currentUser = currentUser;
    }

    @Override
    public Component create() {
        return new SearchIndexPanel(administration, currentUser.require().id());
    }

    @Override
    public int getOrder() {
        return 100;
    }
}

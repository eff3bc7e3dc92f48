package dev.parley.realtime;

import com.vaadin.flow.component.html.Div;

/**
 * The notice a page shows while its node cannot reach the other nodes of its cluster: what the user does still works
 * (it is stored), but what others do elsewhere shows only once the link is back, when the page catches up by itself.
 */
final class LinkNotice extends Div {

    LinkNotice() {
        setId("link-notice");
        addClassName("link-notice");
        getElement().setAttribute("role", "status");
        setText("Live updates from other servers are paused. Reconnecting… What you send is saved, and this page "
                + "catches up by itself.");
    }
}

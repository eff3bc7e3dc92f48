package dev.parley.search.internal;

import dev.parley.messages.Message;
import org.hibernate.search.mapper.pojo.bridge.RoutingBridge;
import org.hibernate.search.mapper.pojo.bridge.binding.RoutingBindingContext;
import org.hibernate.search.mapper.pojo.bridge.mapping.programmatic.RoutingBinder;
import org.hibernate.search.mapper.pojo.bridge.runtime.RoutingBridgeRouteContext;
import org.hibernate.search.mapper.pojo.route.DocumentRoutes;

/**
 * Keeps deleted messages out of the index: deleting a message removes its document in the same commit, so no query can
 * ever match a deleted message, and no filter has to remember to exclude them.
 */
public class DeletedMessagesNotIndexed implements RoutingBinder {

    @Override
    public void bind(RoutingBindingContext context) {
        context.dependencies().use("deletedAt");
        context.bridge(Message.class, new Bridge());
    }

    private static final class Bridge implements RoutingBridge<Message> {

        @Override
        public void route(
                DocumentRoutes routes, Object entityIdentifier, Message message, RoutingBridgeRouteContext context) {
            if (message.deleted()) {
                routes.notIndexed();
            } else {
                routes.addRoute();
            }
        }

        @Override
        public void previousRoutes(
                DocumentRoutes routes, Object entityIdentifier, Message message, RoutingBridgeRouteContext context) {
            // A message may have been indexed before it was deleted: its one route is where its document would be.
            routes.addRoute();
        }
    }
}

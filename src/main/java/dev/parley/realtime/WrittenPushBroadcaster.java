package dev.parley.realtime;

import java.util.concurrent.Future;
import org.atmosphere.cpr.AtmosphereResource;
import org.atmosphere.cpr.AtmosphereResourceEventImpl;
import org.atmosphere.cpr.BroadcasterFuture;
import org.atmosphere.util.SimpleBroadcaster;

/**
 * Atmosphere's {@link SimpleBroadcaster} (a push is written by the thread that pushes it, see
 * {@link PushConfiguration}) that lets go of a push once it is written. Vaadin keeps the future of each UI's last push,
 * and Atmosphere its connection's last message: with both, every open session held its last push until the next one, up
 * to the 10–15 KB of a whole members list (docs/benchmarks.md, heap per session). A push that is not written yet when
 * {@code broadcast} returns keeps both, as before.
 */
public class WrittenPushBroadcaster extends SimpleBroadcaster {

    @Override
    public Future<Object> broadcast(Object message, AtmosphereResource resource) {
        Future<Object> written = super.broadcast(message, resource);
        if (written == null || !written.isDone()) {
            return written;
        }
        if (resource.getAtmosphereResourceEvent() instanceof AtmosphereResourceEventImpl event) {
            event.setMessage(null);
        }
        return new BroadcasterFuture<Object>(null).done();
    }
}

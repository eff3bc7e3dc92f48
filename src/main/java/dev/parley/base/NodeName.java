package dev.parley.base;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * This node's name in logs, metrics and the messages it sends other nodes ({@code PARLEY_NODE_NAME}): by default its
 * host name and port, which tell apart the nodes of a cluster, several on one host included ({@link NodeNaming}).
 */
@Component
public class NodeName {

    private final String name;

    public NodeName(@Value("${parley.node-name:}") String configured, @Value("${server.port:8080}") int port) {
        this.name = StringUtils.hasText(configured) ? configured.strip() : defaultName(port);
    }

    /** Host name and port; the process id instead of a random port (0, in tests), which says nothing. */
    static String defaultName(int port) {
        return hostName() + ":"
                + (port > 0
                        ? String.valueOf(port)
                        : "pid" + ProcessHandle.current().pid());
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}

package org.reunify.broker;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.apache.kafka.common.utils.Utils;

/** The broker's two ports on 127.0.0.1, checked before a start so that a mistake is named by its option. */
final class BrokerPorts {

    /** A port as the user knows it: what it is called and the option that changes it. */
    enum Role {
        CLIENT("port", "--port"),
        CONTROLLER("controller port", "--controller-port");

        final String description;
        final String option;

        Role(String description, String option) {
            this.description = description;
            this.option = option;
        }
    }

    private BrokerPorts() {}

    /** Refuses port numbers that cannot work, before anything touches the data directory. */
    static void checkValid(int port, int controllerPort) {
        checkRange(port, Role.CLIENT);
        checkRange(controllerPort, Role.CONTROLLER);
        if (port == controllerPort) {
            throw new EmbeddedKafkaException(
                    "the port and the controller port are both " + port + ": the broker needs two different ports");
        }
    }

    /** Refuses a port something else listens on before the data directory is formatted or secured for nothing. */
    static void checkFree(int port, int controllerPort) {
        checkFree(port, Role.CLIENT);
        checkFree(controllerPort, Role.CONTROLLER);
    }

    /** Distinct free ports on 127.0.0.1: all are held open at once, so no port is handed out twice. */
    static int[] free(int count) {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 50, InetAddress.getByName(BrokerConfig.HOST));
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new EmbeddedKafkaException(
                    "cannot find a free port on " + BrokerConfig.HOST + ": " + e.getMessage(), e);
        } finally {
            for (ServerSocket socket : sockets) {
                Utils.closeQuietly(socket, "probe socket");
            }
        }
    }

    private static void checkRange(int port, Role role) {
        if (port < 1 || port > 65_535) {
            throw new EmbeddedKafkaException("the " + role.description + " must be between 1 and 65535, not " + port);
        }
    }

    /** Binds the port on 127.0.0.1 the way Kafka will (SO_REUSEADDR, so recently closed connections do not count). */
    private static void checkFree(int port, Role role) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(BrokerConfig.HOST), port));
        } catch (BindException e) {
            throw StartFailure.portInUse(port, role, e);
        } catch (IOException e) {
            throw new EmbeddedKafkaException(
                    "cannot listen on " + BrokerConfig.HOST + ":" + port + ": " + e.getMessage() + ": use "
                            + role.option,
                    e);
        }
    }
}

package org.reunify.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BrokerPortsTest {

    @Test
    void aPortOutsideOneTo65535IsRefused() {
        assertThatThrownBy(() -> BrokerPorts.checkValid(0, 9093))
                .isInstanceOf(EmbeddedKafkaException.class)
                .hasMessage("the port must be between 1 and 65535, not 0");
    }

    @Test
    void aControllerPortOutsideOneTo65535IsRefused() {
        assertThatThrownBy(() -> BrokerPorts.checkValid(9092, 65_536))
                .isInstanceOf(EmbeddedKafkaException.class)
                .hasMessage("the controller port must be between 1 and 65535, not 65536");
    }

    @Test
    void thePortAndTheControllerPortMustDiffer() {
        assertThatThrownBy(() -> BrokerPorts.checkValid(9092, 9092))
                .isInstanceOf(EmbeddedKafkaException.class)
                .hasMessage("the port and the controller port are both 9092: the broker needs two different ports");
    }

    @Test
    void aTakenPortIsRefusedWithTheOptionThatChangesIt() throws IOException {
        try (ServerSocket taken = listening();
                ServerSocket controller = listening()) {
            int controllerPort = controller.getLocalPort();
            controller.close();

            assertThatThrownBy(() -> BrokerPorts.checkFree(taken.getLocalPort(), controllerPort))
                    .isInstanceOf(EmbeddedKafkaException.class)
                    .hasMessage("port " + taken.getLocalPort() + " is in use: is another broker running? use --port");
        }
    }

    @Test
    void aTakenControllerPortIsRefusedWithTheOptionThatChangesIt() throws IOException {
        try (ServerSocket client = listening();
                ServerSocket taken = listening()) {
            int port = client.getLocalPort();
            client.close();

            assertThatThrownBy(() -> BrokerPorts.checkFree(port, taken.getLocalPort()))
                    .isInstanceOf(EmbeddedKafkaException.class)
                    .hasMessage("controller port " + taken.getLocalPort()
                            + " is in use: is another broker running? use --controller-port");
        }
    }

    @Test
    void portsNobodyListensOnPass() throws IOException {
        int port;
        int controllerPort;
        try (ServerSocket client = listening();
                ServerSocket controller = listening()) {
            port = client.getLocalPort();
            controllerPort = controller.getLocalPort();
        }

        assertThatCode(() -> BrokerPorts.checkFree(port, controllerPort)).doesNotThrowAnyException();
    }

    private static ServerSocket listening() throws IOException {
        return new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    }

    @Test
    void freePortsAreDistinctAndPassTheCheckBeforeAStart() {
        int[] ports = BrokerPorts.free(4);

        assertThat(Arrays.stream(ports).distinct()).hasSize(4);
        assertThatCode(() -> BrokerPorts.checkFree(ports[0], ports[1])).doesNotThrowAnyException();
        assertThatCode(() -> BrokerPorts.checkFree(ports[2], ports[3])).doesNotThrowAnyException();
    }
}

package dev.parley.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.bench.ParleyServer;
import dev.parley.e2e.ApiClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A second Parley started on a data folder or a port that a running one holds is refused at once, before it opens
 * anything, with a message that says what is taken and by whom; the first keeps serving, writing and searching.
 */
class SecondInstanceTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Duration START = Duration.ofMinutes(3);

    @Test
    void a_second_parley_on_the_same_data_folder_is_refused_naming_the_folder_and_the_process_holding_it()
            throws Exception {
        Path work = FaultServers.workFolder("same-folder");
        Path data = work.resolve("data");
        try (ParleyServer first = FaultServers.start(data, FaultServers.freePort(), work.resolve("first.log"))) {
            first.awaitReady(START);
            ApiClient api = new ApiClient(first.port(), JSON);
            String token = api.token(api.register("alice"));
            api.post(token, "general", "written before the second start");

            Path secondLog = work.resolve("second.log");
            try (ParleyServer second = FaultServers.start(data, FaultServers.freePort(), secondLog)) {
                Duration ran = second.awaitExit(START);

                String log = Files.readString(secondLog);
                System.out.printf(
                        "Second Parley on the same data folder: exit %d after %d ms%n",
                        second.exitValue(), ran.toMillis());
                assertThat(second.exitValue()).isNotZero();
                assertThat(log).contains(data.toString()).contains("process " + first.pid());
            }

            api.post(token, "general", "written after the second start");
            await("both messages searchable on the first")
                    .atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> {
                        ApiClient.Answer found = api.call("GET", "/api/search?q=written", token, null);
                        assertThat(found.status()).isEqualTo(200);
                        assertThat(found.body().path("total").asLong()).isEqualTo(2);
                    });
        }
    }

    @Test
    void a_second_parley_on_the_same_port_fails_early_before_it_opens_its_database() throws Exception {
        Path work = FaultServers.workFolder("same-port");
        int port = FaultServers.freePort();
        try (ParleyServer first = FaultServers.start(work.resolve("first"), port, work.resolve("first.log"))) {
            Duration startUp = first.awaitReady(START);

            Path secondData = work.resolve("second");
            Path secondLog = work.resolve("second.log");
            try (ParleyServer second = FaultServers.start(secondData, port, secondLog)) {
                Duration ran = second.awaitExit(START);

                String log = Files.readString(secondLog);
                System.out.printf(
                        "Second Parley on the same port: exit %d after %d ms (the first started in %d ms)%n",
                        second.exitValue(), ran.toMillis(), startUp.toMillis());
                assertThat(second.exitValue()).isNotZero();
                assertThat(log).contains("Port " + port).contains("in use");
                assertThat(secondData.resolve("parley.db")).doesNotExist();
                // Refused within the JVM's own start and Spring Boot's first steps: a small part of a whole start-up
                // whatever the machine's load (docs/reliability.md has the figures).
                assertThat(ran).isLessThan(startUp.dividedBy(2));
            }
            assertThat(new ApiClient(port, JSON)
                            .call("GET", "/api/openapi.json", null, null)
                            .status())
                    .isEqualTo(200);
        }
    }
}

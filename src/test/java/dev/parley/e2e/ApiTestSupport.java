package dev.parley.e2e;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.ObjectMapper;

/** REST API tests over real HTTP: the running server's port and an {@link ApiClient} for it, fresh for each test. */
@E2eTest
abstract class ApiTestSupport {

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper json;

    ApiClient api;

    @BeforeEach
    void connect() {
        api = new ApiClient(port, json);
    }
}

package dev.parley.e2e;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * The sign-in limits as the throttle's tests set them, one application for all of them: 3 failures free for an account
 * and 6 for an address, then locked for an hour, so that no lock ends in the middle of a test; 12 requests an hour
 * without a token per address. The address is taken from {@code X-Forwarded-For} (the connection comes from 127.0.0.1,
 * a trusted proxy to Tomcat), so that each test signs in from addresses of its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestPropertySource(
        properties = {
            "server.forward-headers-strategy=native",
            "parley.sign-in-limit.account-failures=3",
            "parley.sign-in-limit.address-failures=6",
            "parley.sign-in-limit.first-lock=1h",
            "parley.sign-in-limit.account-max-lock=1h",
            "parley.sign-in-limit.address-max-lock=1h",
            "parley.api.rate-limit.anonymous-capacity=12",
            "parley.api.rate-limit.period=1h"
        })
@interface SignInLimits {}

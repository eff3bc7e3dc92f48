package dev.parley.accounts;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Guest access. Whether guests may join at all is an instance setting that instance admins switch on the Administration
 * page (off by default); this says what guests may do once in.
 *
 * @param uploads whether guests may attach files to messages and upload a picture ({@code PARLEY_GUESTS_UPLOADS})
 */
@ConfigurationProperties("parley.guests")
public record GuestProperties(@DefaultValue("false") boolean uploads) {}

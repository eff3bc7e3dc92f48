/**
 * File sharing: uploads into a room, checked as hostile input (size, type from the content, image dimensions before
 * decoding, a safe display name), stored under the data folder's {@code uploads/} with server-made names, attached to a
 * message when it is posted, and served only to current members of the room. Users' pictures (avatars) go through the
 * same checks and become small squares under {@code avatars/}. Messages use this feature; it knows rooms and accounts,
 * and no message type.
 */
@NullMarked
package dev.parley.files;

import org.jspecify.annotations.NullMarked;

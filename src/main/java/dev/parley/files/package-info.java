/**
 * File sharing: uploads into a room, checked as hostile input (size, type from the content, image dimensions before
 * decoding, a safe display name), stored with server-made names, attached to a message when it is posted, and served
 * only to current members of the room. Users' pictures (avatars) go through the same checks and become small squares.
 * Where the bytes are kept is the {@link dev.parley.files.FileStore}'s: the data folder's {@code uploads/} and
 * {@code avatars/} by default ({@code DataFolderStore}), or an S3-compatible bucket shared by a cluster's nodes
 * ({@code S3FileStore}, {@code parley.files.s3.*}); {@code FilesCommand} copies the one into the other. Messages use
 * this feature; it knows rooms and accounts, and no message type.
 */
@NullMarked
package dev.parley.files;

import org.jspecify.annotations.NullMarked;

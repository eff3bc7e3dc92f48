/**
 * The profile: the page where users change their display name and picture and manage their API tokens. It brings
 * together accounts (names, tokens) and files (pictures go through the uploads' checks), so it is a feature of its own:
 * accounts must not know files, which already knows accounts.
 */
@NullMarked
package dev.parley.profile;

import org.jspecify.annotations.NullMarked;

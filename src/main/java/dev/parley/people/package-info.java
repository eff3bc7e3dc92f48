/**
 * People: the directory of everyone on the instance. It uses presence (who is online) and rooms (direct conversations),
 * which is why it is a feature of its own rather than part of either.
 */
@NullMarked
package dev.parley.people;

import org.jspecify.annotations.NullMarked;

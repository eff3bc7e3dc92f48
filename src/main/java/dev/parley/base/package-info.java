/**
 * The shared kernel: configuration of the data folder and the database, and the exceptions every feature uses to say
 * what went wrong in words a user can read.
 */
@NullMarked
package dev.parley.base;

import org.jspecify.annotations.NullMarked;

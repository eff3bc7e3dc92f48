/**
 * The shared kernel: configuration of the data folder and the database, the exceptions every feature uses to say what
 * went wrong in words a user can read, and the rule for characters names and file names must not hide
 * ({@link dev.parley.base.VisibleText}).
 */
@NullMarked
package dev.parley.base;

import org.jspecify.annotations.NullMarked;

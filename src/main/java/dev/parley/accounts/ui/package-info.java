/** Sign-in, sign-up and profile views. */
@NullMarked
package dev.parley.accounts.ui;

import org.jspecify.annotations.NullMarked;

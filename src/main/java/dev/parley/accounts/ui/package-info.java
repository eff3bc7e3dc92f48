/** Sign-in and sign-up views. */
@NullMarked
package dev.parley.accounts.ui;

import org.jspecify.annotations.NullMarked;

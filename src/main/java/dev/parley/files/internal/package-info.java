/** The files feature's repository: nobody but {@link dev.parley.files.FileService} touches it. */
@NullMarked
package dev.parley.files.internal;

import org.jspecify.annotations.NullMarked;

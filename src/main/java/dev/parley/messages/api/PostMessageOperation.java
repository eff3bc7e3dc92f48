package dev.parley.messages.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The OpenAPI description of posting a message, shared by its JSON and its multipart handler, which springdoc shows as
 * one operation. Springdoc reads {@code @Operation} and {@code @ApiResponse} as meta-annotations too.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Operation(summary = "Post a message, as JSON or with files as multipart/form-data")
@ApiResponse(responseCode = "201", description = "The message, as everyone in the room sees it live")
@ApiResponse(responseCode = "403", description = "Not a member of the room: join it first")
@ApiResponse(responseCode = "413", description = "Over 4,000 characters, a file over max-size, or a full quota")
@ApiResponse(
        responseCode = "415",
        description = "A file type that is not allowed, or content that is not what its name says")
@ApiResponse(
        responseCode = "429",
        description = "Over the posting limit: retry after the seconds in the Retry-After header")
@ApiResponse(
        responseCode = "503",
        description = "Storage is full: nothing was stored; posting works again once space is freed on the server."
                + " Or every image decoder stayed busy for parley.files.image-decoder-wait: retry after the seconds in"
                + " the Retry-After header")
@interface PostMessageOperation {}

/**
 * A console's way to a remote {@code ktrdr serve}: HTTP calls ({@link RemoteServer}) and the live
 * event stream ({@link OperationFeed}), with the token. Knows the wire model and nothing of the
 * engine, so a window on another machine needs no database and no coordinator of its own.
 */
package dev.ktrdr.remote;

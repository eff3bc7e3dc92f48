package dev.parley.messages.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.upload.UploadButton;
import com.vaadin.flow.component.upload.UploadDropZone;
import com.vaadin.flow.component.upload.UploadFileList;
import com.vaadin.flow.component.upload.UploadFileListI18N;
import com.vaadin.flow.component.upload.UploadManager;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.server.streams.UploadEvent;
import dev.parley.accounts.UserId;
import dev.parley.base.ParleyException;
import dev.parley.files.Attachment;
import dev.parley.files.FileId;
import dev.parley.files.FileProperties;
import dev.parley.files.FileService;
import dev.parley.rooms.RoomId;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The files of the message being written: a paperclip button and a drop zone (the whole conversation) feed Vaadin's
 * upload manager, whose file list above the composer shows each file's progress with cancel and remove buttons. Each
 * file goes to {@link FileService#upload} as it arrives, which stores it as the user's pending upload or refuses it; a
 * refusal's reason is listed under the files, in the service's own words, and so is an image that waits for the
 * server's decoders while they are busy with other images. Sending takes the uploaded files along; removing one from
 * the list discards it.
 *
 * <p>Uploads arrive on request threads while the UI may be busy: the list of uploaded files is guarded by its own lock,
 * and the UI is changed only through {@link UI#access}.
 */
class ComposerFiles {

    final UploadManager manager;
    final UploadButton button;
    final UploadFileList list;
    /**
     * Why files were refused, one line per file, right under the list; made at the first refusal, as every open view
     * would hold it otherwise (docs/benchmarks.md, heap per session).
     */
    @Nullable
    Div refusals;

    /** Which files wait for a free image decoder, one line each, under the list; made at the first wait. */
    @Nullable
    Div waits;

    private final FileService files;
    private final UserId user;
    private final RoomId room;
    /** What reached the server and was stored, in upload order, with the names the list knows them by. */
    private final List<Uploaded> uploaded = new ArrayList<>();

    /** The reason shown for each refused file, by the name the list shows it under; touched on the UI thread. */
    private final Map<String, Div> refusalLines = new HashMap<>();

    /** The line shown for each file waiting for a decoder, by its name in the list; touched on the UI thread. */
    private final Map<String, Div> waitLines = new HashMap<>();

    private record Uploaded(String listName, Attachment attachment) {}

    ComposerFiles(Component owner, FileService files, FileProperties limits, UserId user, RoomId room) {
        this.files = files;
        this.user = user;
        this.room = room;
        manager = new UploadManager(owner, this::receive);
        // The browser checks count and size before sending anything; the server checks both again.
        manager.setMaxFiles(limits.maxFilesPerMessage());
        manager.setMaxFileSize(limits.maxSize().toBytes());
        manager.addFileRemovedListener(removed -> discard(removed.getFileName()));
        manager.addFileRejectedListener(rejected -> addRefusal(
                rejected.getFileName(), refusalInBrowser(rejected.getFileName(), rejected.getReason(), limits)));

        button = new UploadButton(manager);
        button.setIcon(VaadinIcon.PAPERCLIP.create());
        button.setText("");
        button.setAriaLabel("Attach files");
        button.setTooltipText("Attach files (or drop them on the conversation)");
        button.addClassName("attach-button");

        list = new UploadFileList(manager);
        list.addClassName("composer-files");
        // A refused upload answers 4xx, which the list labels with this; the reason itself is listed under the files.
        list.setI18n(new UploadFileListI18N()
                .setUploading(new UploadFileListI18N.Uploading()
                        .setError(new UploadFileListI18N.Uploading.UploadError()
                                .setForbidden("Not accepted: see why below"))));
    }

    /** The drop zone: dropping files anywhere on {@code content} attaches them. */
    UploadDropZone dropZone(Component content) {
        UploadDropZone zone = new UploadDropZone(content, manager);
        zone.addClassName("room-drop-zone");
        return zone;
    }

    /** The files stored so far, in the order they arrived: what a message sent now carries. */
    List<FileId> fileIds() {
        synchronized (uploaded) {
            return uploaded.stream().map(u -> u.attachment().id()).toList();
        }
    }

    /** Whether a file is still on its way. */
    boolean uploading() {
        return manager.isUploading();
    }

    /** After sending: the files belong to the message now, and the list starts empty. */
    void sent() {
        synchronized (uploaded) {
            uploaded.clear();
        }
        manager.clearFileList();
        clearRefusals();
    }

    /** Shows that the composer may (member) or may not take files. */
    void setEnabled(boolean enabled) {
        manager.setEnabled(enabled);
    }

    /** Called by the upload manager on the request thread that carries one file. */
    private void receive(UploadEvent event) throws IOException {
        try (InputStream content = event.getInputStream()) {
            String refusal = store(event.getUI(), event.getFileName(), content);
            if (refusal != null) {
                event.reject(refusal);
            }
        }
    }

    /**
     * Stores one file as the user's pending upload, or lists why it was refused. While an image waits for a free
     * decoder, a line under the list says so.
     *
     * @param listName the name the upload list shows the file under
     * @return the reason the file was refused, or null when it was stored
     */
    @Nullable
    String store(UI ui, String listName, InputStream content) {
        AtomicBoolean waited = new AtomicBoolean();
        try {
            Attachment stored = files.upload(user, room, listName, content, () -> {
                waited.set(true);
                ui.access(() -> addWait(listName));
            });
            synchronized (uploaded) {
                uploaded.add(new Uploaded(listName, stored));
            }
            return null;
        } catch (ParleyException refused) {
            ui.access(() -> addRefusal(listName, refused.getMessage()));
            return refused.getMessage();
        } finally {
            if (waited.get()) {
                ui.access(() -> removeWait(listName));
            }
        }
    }

    /** The words of the line shown while a file waits for a decoder. */
    static String waitingText(String listName) {
        return listName + " is waiting: the server is busy with other images, and makes its preview next";
    }

    /** The browser's refusal in the same words as the server's. */
    private static String refusalInBrowser(
            String name, UploadManager.FileRejectionReason reason, FileProperties limits) {
        return switch (reason) {
            case FILE_TOO_LARGE ->
                name + " is larger than "
                        + Attachment.formatSize(limits.maxSize().toBytes()) + ", the most a file can be";
            case TOO_MANY_FILES -> name + ": a message can carry at most " + limits.maxFilesPerMessage() + " files";
            default -> name + ": this type of file is not allowed";
        };
    }

    /** The user removed a file from the list: a stored one is discarded, a refused one's reason goes too. */
    private void discard(String listName) {
        Uploaded removed = null;
        synchronized (uploaded) {
            for (Uploaded u : uploaded) {
                if (u.listName().equals(listName)) {
                    removed = u;
                    break;
                }
            }
            if (removed != null) {
                uploaded.remove(removed);
            }
        }
        if (removed != null) {
            files.discard(user, removed.attachment().id());
        }
        Div refusal = refusalLines.remove(listName);
        if (refusal != null && refusals != null) {
            refusals.remove(refusal);
            refusals.setVisible(!refusalLines.isEmpty());
        }
    }

    private void addRefusal(String listName, String reason) {
        Div line = new Div(reason);
        line.addClassName("upload-refusal");
        Div lines = refusals();
        Div before = refusalLines.put(listName, line);
        if (before != null) {
            lines.remove(before);
        }
        lines.add(line);
        lines.setVisible(true);
    }

    private void addWait(String listName) {
        Div line = new Div(waitingText(listName));
        line.addClassName("upload-wait");
        Div lines = waits();
        Div before = waitLines.put(listName, line);
        if (before != null) {
            lines.remove(before);
        }
        lines.add(line);
        lines.setVisible(true);
    }

    private void removeWait(String listName) {
        Div line = waitLines.remove(listName);
        if (line != null && waits != null) {
            waits.remove(line);
            waits.setVisible(!waitLines.isEmpty());
        }
    }

    /** The refusals' place right under the file list, made when first needed. */
    private Div refusals() {
        Div made = refusals;
        if (made == null) {
            made = underList("upload-refusals", "alert");
            refusals = made;
        }
        return made;
    }

    /** The waiting files' place right under the file list, made when first needed. */
    private Div waits() {
        Div made = waits;
        if (made == null) {
            made = underList("upload-waits", "status");
            waits = made;
        }
        return made;
    }

    /** A new place for lines about the files, right under the file list, announced to screen readers by its role. */
    private Div underList(String className, String role) {
        Div made = new Div();
        made.addClassName(className);
        made.getElement().setAttribute("role", role);
        Element place = list.getElement();
        Element parent = place.getParent();
        if (parent == null) {
            throw new IllegalStateException("The file list is not in the composer");
        }
        parent.insertChild(parent.indexOfChild(place) + 1, made.getElement());
        return made;
    }

    private void clearRefusals() {
        refusalLines.clear();
        if (refusals != null) {
            refusals.removeAll();
            refusals.setVisible(false);
        }
    }
}

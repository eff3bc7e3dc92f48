package dev.parley.messages.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.icon.VaadinIcon;
import dev.parley.files.Attachment;

/** An attached image at full size, with its name, size and a download link; Esc or the close button closes it. */
class ImageDialog extends Dialog {

    final Image image;
    final Anchor download;

    ImageDialog(Attachment attachment) {
        addClassName("image-dialog");
        setHeaderTitle(attachment.name());
        image = new Image(attachment.url(), attachment.name());
        image.addClassName("image-full");
        download = new Anchor(attachment.url(), "Download (" + attachment.humanSize() + ")");
        download.getElement().setAttribute("download", attachment.name());
        Button close = new Button(VaadinIcon.CLOSE.create(), e -> close());
        close.addThemeVariants(ButtonVariant.TERTIARY);
        close.setAriaLabel("Close");
        getHeader().add(close);
        add(image);
        getFooter().add(download);
    }
}

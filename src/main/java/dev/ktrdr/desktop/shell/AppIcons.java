package dev.ktrdr.desktop.shell;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.image.Image;
import org.slf4j.LoggerFactory;

/** The application icon in the sizes window managers pick from (built from assets/icons). */
public final class AppIcons {
  private static final int[] SIZES = {16, 24, 32, 48, 64, 128, 256};

  private AppIcons() {}

  public static List<Image> load() {
    List<Image> icons = new ArrayList<>();
    for (int size : SIZES) {
      try (InputStream in =
          AppIcons.class.getResourceAsStream("/dev/ktrdr/desktop/icons/ktrdr-" + size + ".png")) {
        if (in != null) {
          icons.add(new Image(in));
        }
      } catch (java.io.IOException e) {
        LoggerFactory.getLogger(AppIcons.class).debug("Icon {} not loaded: {}", size, e.toString());
      }
    }
    return icons;
  }
}

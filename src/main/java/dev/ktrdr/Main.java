package dev.ktrdr;

import dev.ktrdr.app.KtrdrCommand;

/** Picks the face: {@code console} (the default), {@code serve}, {@code agent …}, {@code ops …}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    String[] effective = args.length == 0 ? new String[] {"console"} : args;
    KtrdrCommand.quietLogsForClientCommands(effective);
    int code = KtrdrCommand.commandLine(effective).execute(effective);
    System.exit(code);
  }
}

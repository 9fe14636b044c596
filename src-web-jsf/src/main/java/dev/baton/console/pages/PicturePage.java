package dev.baton.console.pages;

import dev.baton.console.push.ConsolePush;
import dev.baton.console.push.PictureJson;
import dev.baton.manager.cluster.control.ClusterView;
import dev.baton.manager.system.control.EventLookup;
import dev.baton.manager.system.control.Explanations;
import dev.baton.store.StoreUnavailableException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The system picture's first state; from then on the page follows the pushes. */
@Named
@RequestScoped
public class PicturePage {
  private static final int NOTABLE_SHOWN = 12;
  private static final int NOTABLE_SCANNED = 5_000;

  @Inject ClusterView cluster;
  @Inject EventLookup events;
  @Inject dev.baton.manager.security.Callers callers;
  @Inject dev.baton.manager.tasks.control.TaskOwners owners;

  public String getInitialJson() {
    try {
      var picture = cluster.now(ConsolePush.QUEUE_SHOWN, 1);
      var me = callers.console();
      if (!me.seesAll()) {
        picture = dev.baton.console.push.OwnPicture.of(picture, id -> String.valueOf(me.user()).equals(owners.ownerOf(id)));
      }
      return PictureJson.picture(picture).build().toString();
    } catch (StoreUnavailableException e) {
      return "";
    }
  }

  /** The latest failures, recoveries, migrations ... explained (newest first). */
  public String getNotableJson() {
    try {
      var me = callers.console();
      return PictureJson.events(
          events.search(e -> Explanations.of(e).notable() && owners.visible(e, me), null, NOTABLE_SHOWN, NOTABLE_SCANNED).events());
    } catch (StoreUnavailableException e) {
      return "[]";
    }
  }
}

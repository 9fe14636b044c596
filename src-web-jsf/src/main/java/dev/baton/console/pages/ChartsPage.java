package dev.baton.console.pages;

import dev.baton.console.charts.ChartSeries;
import dev.baton.console.push.PictureJson;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;

/** The charts' first state: the last ten minutes the manager knows; pushes add a point a second. */
@Named
@RequestScoped
public class ChartsPage {
  @Inject ChartSeries series;

  public String getPointsJson() {
    return PictureJson.points(series.window(Instant.now().getEpochSecond()));
  }
}

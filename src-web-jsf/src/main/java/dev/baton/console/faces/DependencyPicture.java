package dev.baton.console.faces;

import dev.baton.manager.tasks.entity.TaskGraphView.Node;
import java.util.List;
import java.util.Locale;

/**
 * A task's dependencies drawn as a small SVG: its parents on the left, the task in the middle, the tasks
 * that depend on it on the right, an arrow from each parent to the task that waits for it; each box in
 * the colour of its status and a link to its page.
 */
public final class DependencyPicture {
  static final int MAX_PER_SIDE = 12;
  private static final int BOX_W = 168;
  private static final int BOX_H = 34;
  private static final int GAP = 12;
  private static final int[] COLUMN_X = {8, 246, 484};
  private static final int WIDTH = 660;

  private DependencyPicture() {}

  public static String svg(List<Node> parents, Node task, List<Node> dependents) {
    int rows = Math.max(1, Math.max(Math.min(parents.size(), MAX_PER_SIDE + 1), Math.min(dependents.size(), MAX_PER_SIDE + 1)));
    int height = rows * (BOX_H + GAP) + GAP;
    StringBuilder s = new StringBuilder();
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"dep-graph\" role=\"img\" viewBox=\"0 0 ")
        .append(WIDTH).append(' ').append(height).append("\" width=\"").append(WIDTH).append("\" height=\"").append(height)
        .append("\" aria-label=\"").append(parents.size()).append(" parent(s), ").append(dependents.size()).append(" dependent(s)\">")
        .append("<defs><marker id=\"dep-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">")
        .append("<path d=\"M0,0 L10,5 L0,10 z\" class=\"dep-arrowhead\"/></marker></defs>");
    int taskY = (height - BOX_H) / 2;
    column(s, parents, 0, height, taskY, true);
    column(s, dependents, 2, height, taskY, false);
    box(s, task, COLUMN_X[1], taskY, true);
    return s.append("</svg>").toString();
  }

  private static void column(StringBuilder s, List<Node> nodes, int col, int height, int taskY, boolean left) {
    int shown = Math.min(nodes.size(), MAX_PER_SIDE);
    int rows = shown + (nodes.size() > shown ? 1 : 0);
    int top = (height - rows * (BOX_H + GAP) + GAP) / 2;
    for (int i = 0; i < shown; i++) {
      int y = top + i * (BOX_H + GAP);
      int x1 = left ? COLUMN_X[0] + BOX_W : COLUMN_X[1] + BOX_W;
      int y1 = left ? y + BOX_H / 2 : taskY + BOX_H / 2;
      int x2 = left ? COLUMN_X[1] : COLUMN_X[2];
      int y2 = left ? taskY + BOX_H / 2 : y + BOX_H / 2;
      s.append("<line class=\"dep-edge\" x1=\"").append(x1).append("\" y1=\"").append(y1).append("\" x2=\"").append(x2 - 2)
          .append("\" y2=\"").append(y2).append("\" marker-end=\"url(#dep-arrow)\"/>");
      box(s, nodes.get(i), COLUMN_X[col], y, false);
    }
    if (nodes.size() > shown) {
      int y = top + shown * (BOX_H + GAP) + BOX_H / 2 + 4;
      s.append("<text class=\"dep-more\" x=\"").append(COLUMN_X[col] + 6).append("\" y=\"").append(y).append("\">+")
          .append(nodes.size() - shown).append(" more</text>");
    }
  }

  private static void box(StringBuilder s, Node n, int x, int y, boolean self) {
    String status = n.status().name();
    s.append("<a href=\"task.xhtml?id=").append(n.id()).append("\" data-node=\"").append(n.id()).append("\">")
        .append("<title>").append(n.id()).append(" · ").append(escape(n.type())).append(" · ").append(status).append("</title>")
        .append("<rect class=\"dep-box st-").append(status.toLowerCase(Locale.ROOT)).append(self ? " dep-self" : "").append("\" x=\"").append(x)
        .append("\" y=\"").append(y).append("\" width=\"").append(BOX_W).append("\" height=\"").append(BOX_H).append("\" rx=\"6\"/>")
        .append("<text class=\"dep-label\" x=\"").append(x + 8).append("\" y=\"").append(y + 14).append("\">")
        .append(n.id(), 0, Math.min(8, n.id().length())).append(' ').append(escape(n.type())).append("</text>")
        .append("<text class=\"dep-status\" x=\"").append(x + 8).append("\" y=\"").append(y + 28).append("\">").append(status)
        .append(n.status().name().equals("RUNNING") ? " " + n.progress() + "%" : "").append("</text></a>");
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}

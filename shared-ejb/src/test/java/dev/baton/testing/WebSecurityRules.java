package dev.baton.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.baton.security.ServedPath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The two walls of a web application agree and leave nothing open by accident (ADR 0048). */
public final class WebSecurityRules {
  private WebSecurityRules() {}

  /** Every JAX-RS resource says who may call it (RoleGate refuses everyone to one that does not). */
  public static void everyResourceSaysWhoMayCallIt(JavaClasses app) {
    classes()
        .that()
        .areAnnotatedWith(jakarta.ws.rs.Path.class)
        .should()
        .beAnnotatedWith(jakarta.annotation.security.RolesAllowed.class)
        .orShould()
        .beAnnotatedWith(jakarta.annotation.security.PermitAll.class)
        .check(app);
  }

  /**
   * web.xml protects everything ("/*" needs a role) and opens exactly what the mechanism's rules open: a sample path of
   * each open pattern is open to the rules, and each of {@code openPaths} (the rules' own list, spelled out) is
   * matched by an open pattern.
   */
  public static void descriptorAgreesWith(Path webXml, ServedPath.Rules rules, List<String> openPaths) throws Exception {
    var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(webXml.toFile());
    List<String> open = new ArrayList<>();
    List<String> closed = new ArrayList<>();
    NodeList constraints = doc.getElementsByTagName("security-constraint");
    for (int i = 0; i < constraints.getLength(); i++) {
      Element c = (Element) constraints.item(i);
      boolean protectedOnes = c.getElementsByTagName("auth-constraint").getLength() > 0;
      NodeList patterns = c.getElementsByTagName("url-pattern");
      for (int j = 0; j < patterns.getLength(); j++) {
        (protectedOnes ? closed : open).add(patterns.item(j).getTextContent().trim());
      }
    }
    assertEquals(List.of("/*"), closed, "everything needs a caller unless opened");
    for (String pattern : open) {
      String sample = pattern.endsWith("/*") ? pattern.substring(0, pattern.length() - 1) + "x" : pattern;
      assertEquals(ServedPath.Zone.OPEN, rules.zone(sample), "web.xml opens " + pattern + ", the mechanism does not");
    }
    for (String path : openPaths) {
      assertEquals(ServedPath.Zone.OPEN, rules.zone(path), path);
      assertTrue(
          open.stream().anyMatch(p -> p.equals(path) || p.endsWith("/*") && (path + "/").startsWith(p.substring(0, p.length() - 1))),
          "the mechanism opens " + path + ", web.xml does not");
    }
  }
}

package dev.baton.demo;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A real browser for the console's tests: Debian's chromium, headless, driven through Debian's
 * chromedriver (Selenium downloads nothing). Screenshots go to demo/target/screenshots and, for the
 * README, to docs/console.
 */
final class Browser implements AutoCloseable {
  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  final ChromeDriver driver;
  private final Path shots;
  private final Path readme;

  Browser(Path root, int width, int height) {
    this(root, width, height, new String[0]);
  }

  /** @param extraArguments more chromium flags (e.g. to accept the Payara admin console's self-signed certificate) */
  Browser(Path root, int width, int height, String... extraArguments) {
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions", "--hide-scrollbars",
        "--window-size=" + width + "," + height, "--lang=en-US");
    options.addArguments(extraArguments);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    logs.enable(LogType.PERFORMANCE, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    shots = root.resolve("demo/target/screenshots");
    readme = root.resolve("docs/console");
  }

  void open(String url) {
    driver.get(url);
    await("the page loaded").atMost(Duration.ofSeconds(30)).until(() -> "complete".equals(js("return document.readyState")));
  }

  /**
   * Logs in through the console's login form (the manager at {@code managerUrl}); the browser keeps the session.
   *
   * @return the page's messages if the login was refused, else ""
   */
  String logIn(java.net.URI managerUrl, String user, String password) {
    open(managerUrl.resolve("/login.xhtml").toString());
    find(By.id("login:user")).clear();
    find(By.id("login:user")).sendKeys(user);
    find(By.id("login:password")).sendKeys(password);
    find(By.id("login:submit")).click();
    await("the login answered")
        .atMost(Duration.ofSeconds(30))
        .until(() -> driver.getCurrentUrl().contains("/console/") || !text(By.id("login:messages")).isBlank());
    return driver.getCurrentUrl().contains("/console/") ? "" : text(By.id("login:messages"));
  }

  /** Waits until the page is connected to its live channel and has had a push. */
  void awaitLive() {
    await("the live channel")
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> Boolean.TRUE.equals(js("return !!(window.Baton && Baton.pushes > 0)")));
  }

  /** Marks this page; {@link #stillSamePage()} tells whether it was reloaded since. */
  void mark() {
    js("window.__batonMark = 'same page';");
  }

  boolean stillSamePage() {
    return "same page".equals(js("return window.__batonMark || null"));
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  WebElement find(By by) {
    return driver.findElement(by);
  }

  List<WebElement> all(By by) {
    return driver.findElements(by);
  }

  /**
   * Clicks through JavaScript (no scrolling into view, no overlay races). A push may replace the element between
   * finding and clicking it: then the click did not happen, and the new one is found and clicked.
   */
  void click(By by) {
    for (int attempt = 0; ; attempt++) {
      try {
        js("arguments[0].click();", find(by));
        return;
      } catch (org.openqa.selenium.StaleElementReferenceException replaced) {
        if (attempt >= 4) {
          throw replaced;
        }
      }
    }
  }

  /** The element's visible text, or "" if it is not there (read again if a push replaced it meanwhile). */
  String text(By by) {
    for (int attempt = 0; ; attempt++) {
      try {
        List<WebElement> e = all(by);
        return e.isEmpty() ? "" : e.get(0).getText();
      } catch (org.openqa.selenium.StaleElementReferenceException replaced) {
        if (attempt == 5) {
          throw replaced;
        }
      }
    }
  }

  /** The browser console's errors since the last call (warnings and infos are not errors). */
  List<String> errors() {
    List<String> out = new ArrayList<>();
    for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
      if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
        out.add(e.getMessage());
      }
    }
    return out;
  }

  /** DevTools' network log since the last call, as its raw JSON messages. */
  List<String> network() {
    List<String> out = new ArrayList<>();
    for (LogEntry e : driver.manage().logs().get(LogType.PERFORMANCE)) {
      out.add(e.getMessage());
    }
    return out;
  }

  /** A screenshot of the page as it is, under target/ and as the README's copy. */
  Path screenshot(String name) {
    try {
      Files.createDirectories(shots);
      Path file = shots.resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      if (Files.isDirectory(readme.getParent())) {
        Files.createDirectories(readme);
        Files.copy(file, readme.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A screenshot of the whole page, as tall as it is (at most 2,400 px), for the README. */
  Path screenshotWhole(String name) {
    var size = driver.manage().window().getSize();
    long height = ((Number) js("return Math.min(2400, document.documentElement.scrollHeight + 90)")).longValue();
    resize(size.getWidth(), (int) Math.max(size.getHeight(), height));
    try {
      return screenshot(name);
    } finally {
      resize(size.getWidth(), size.getHeight());
    }
  }

  /** A screenshot and the page's HTML, under target/ only (for a test that failed). */
  Path evidence(String name) {
    try {
      Files.createDirectories(shots);
      Path file = shots.resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      Files.writeString(shots.resolve(name + ".html"), driver.getPageSource());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void resize(int width, int height) {
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
  }

  /** Opens a second tab with {@code url}; returns the handle of the tab it was on. */
  String openTab(String url) {
    String before = driver.getWindowHandle();
    driver.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
    open(url);
    return before;
  }

  void switchTo(String handle) {
    driver.switchTo().window(handle);
  }

  String handle() {
    return driver.getWindowHandle();
  }

  /** Closes every tab but the current one. */
  void closeOtherTabs() {
    String keep = driver.getWindowHandle();
    for (String h : driver.getWindowHandles()) {
      if (!h.equals(keep)) {
        driver.switchTo().window(h);
        driver.close();
      }
    }
    driver.switchTo().window(keep);
  }

  static Map<String, Object> asMap(Object o) {
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) o;
    return m;
  }

  @Override
  public void close() {
    driver.quit();
  }
}

package dev.baton.manager.notifications.control;

import java.net.URI;

/**
 * Where Telegram messages go: the bot's token and the chat, from {@code BATON_TELEGRAM_BOT_TOKEN} and {@code
 * BATON_TELEGRAM_CHAT_ID} (or {@code baton.telegram.bot-token}, {@code baton.telegram.chat-id}); the Bot API's
 * base URL is configurable ({@code baton.telegram.api-url}) so that tests play it locally. Without a token
 * and a chat, messages are only logged.
 */
public record TelegramSettings(String botToken, String chatId, URI apiUrl) {
  public boolean enabled() {
    return botToken != null && !botToken.isBlank() && chatId != null && !chatId.isBlank();
  }

  /** The sendMessage method of the bot (the token is part of the path, as the Bot API wants it). */
  public URI sendMessage() {
    String base = apiUrl.toString().replaceAll("/+$", "");
    return URI.create(base + "/bot" + botToken + "/sendMessage");
  }
}

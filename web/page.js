// Starts Web Chat on the page. Settings come from the JSON the server inlines (src/web/webChatPage.ts):
// where to get a token, the Direct Line domain, the locale, the comune's colours and the error texts.
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("webchat-config").textContent);
  var status = document.getElementById("chat-status");

  function showStatus(message) {
    status.textContent = message;
    status.hidden = false;
  }

  function fetchToken() {
    // POST, so that the browser always sends the Origin header the server checks.
    return fetch(config.tokenUrl, { method: "POST", credentials: "same-origin", headers: { accept: "application/json" } }).then(
      function (response) {
        if (!response.ok) throw new Error("token request failed: HTTP " + response.status);
        return response.json();
      },
    );
  }

  function start() {
    if (config.mode === "unavailable" || !window.WebChat) {
      showStatus(config.strings.unavailable);
      return;
    }
    fetchToken()
      .then(function (issued) {
        var directLine = window.WebChat.createDirectLine({
          token: issued.token,
          domain: new URL(config.domain, window.location.href).href,
          webSocket: config.webSocket,
          // Only the bot's own Direct Line sets it: the Direct Line service pushes over WebSocket.
          pollingInterval: config.pollingInterval,
          conversationStartProperties: { locale: config.locale },
        });
        window.WebChat.renderWebChat(
          {
            directLine: directLine,
            locale: config.locale,
            styleOptions: {
              accent: config.theme.accent,
              bubbleFromUserBackground: config.theme.primary,
              bubbleFromUserTextColor: "#ffffff",
              bubbleFromUserBorderColor: config.theme.primary,
              suggestedActionBorderColor: config.theme.accent,
              suggestedActionTextColor: config.theme.accent,
              suggestedActionLayout: "flow",
              primaryFont: window.getComputedStyle(document.body).fontFamily,
              hideUploadButton: true,
              // The bot sends markdown with the citizen's words escaped; HTML in a message is never rendered.
              markdownRenderHTML: false,
              rootHeight: "100%",
            },
          },
          document.getElementById("webchat"),
        );
        status.hidden = true;
      })
      .catch(function () {
        showStatus(config.strings.connectionError);
      });
  }

  start();
})();

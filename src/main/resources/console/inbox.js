/* Voz console: the alerts inbox without reloading. New alerts come as Server-Sent Events from the same origin (the
   session cookie goes with them); each carries its card as the server rendered it (texts, CSRF token), which is put
   first in the list. An alert acknowledged elsewhere is taken away, unless the keyboard focus is in its card. The
   page works without this script: a reload shows the same. */
(function () {
  'use strict';
  var list = document.querySelector('[data-inbox]');
  if (!list || !window.EventSource || !window.JSON) {
    return;
  }
  var live = document.querySelector('[data-inbox-live]');

  function cardOf(id) {
    var cards = list.querySelectorAll('[data-alert-id]');
    for (var i = 0; i < cards.length; i++) {
      if (cards[i].getAttribute('data-alert-id') === id) {
        return cards[i];
      }
    }
    return null;
  }

  var source = new EventSource(list.getAttribute('data-stream'));
  source.addEventListener('alert', function (event) {
    var data = JSON.parse(event.data);
    if (cardOf(data.id)) {
      return;
    }
    var holder = document.createElement('template');
    holder.innerHTML = data.html.trim();
    var card = holder.content.firstElementChild;
    if (!card) {
      return;
    }
    list.insertBefore(card, list.firstElementChild);
    var empty = document.querySelector('[data-inbox-empty]');
    if (empty) {
      empty.parentNode.removeChild(empty);
    }
    if (live) {
      live.textContent = data.announce;
    }
  });
  source.addEventListener('gone', function (event) {
    var card = cardOf(JSON.parse(event.data).id);
    if (card && !card.contains(document.activeElement)) {
      card.parentNode.removeChild(card);
    }
  });
  window.addEventListener('pagehide', function () {
    source.close();
  });
}());

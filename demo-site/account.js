// The demo shop's own script: the calls a real site makes on sign-in, sign-out and from its own buttons.
// External (not inline) so the page works under a strict Content-Security-Policy.
(function () {
  var USERS = {
    eva: { id: 'customer-1001', name: 'Eva Nováková', email: 'eva@example.com' },
    petr: { id: 'customer-1002', name: 'Petr Dvořák', email: 'petr@example.com' },
  };
  var who = document.getElementById('who');
  var events = document.getElementById('events');

  function log(text) {
    var item = document.createElement('li');
    item.textContent = new Date().toLocaleTimeString() + ' — ' + text;
    events.insertBefore(item, events.firstChild);
    while (events.children.length > 20) events.removeChild(events.lastChild);
  }

  function signIn(key) {
    var user = USERS[key];
    localStorage.setItem('demo-shop:user', key);
    who.textContent = 'Signed in as ' + user.name + ' (' + user.email + ').';
    Porchlight('identify', { id: user.id, name: user.name, email: user.email });
  }

  document.querySelectorAll('[data-user]').forEach(function (button) {
    button.addEventListener('click', function () { signIn(button.getAttribute('data-user')); });
  });
  document.getElementById('sign-out').addEventListener('click', function () {
    localStorage.removeItem('demo-shop:user');
    who.textContent = 'Nobody is signed in.';
    Porchlight('reset');
  });
  document.getElementById('open-chat').addEventListener('click', function () { Porchlight('open'); });
  document.getElementById('language').addEventListener('change', function (event) {
    Porchlight('setLocale', event.target.value);
  });

  Porchlight('on', 'open', function () { log('the chat was opened'); });
  Porchlight('on', 'close', function () { log('the chat was closed'); });
  Porchlight('on', 'message', function (message) {
    log('a message from ' + (message.authorName || 'the team') + ': ' + message.body);
  });
  Porchlight('on', 'availability', function (availability) {
    log('availability: ' + availability.mode + (availability.operatorsOnline ? ' (' + availability.operatorsOnline + ' online)' : ''));
  });

  // A shop remembers its signed-in customer across pages; so does this demo.
  var current = localStorage.getItem('demo-shop:user');
  if (current && USERS[current]) signIn(current);
})();

/* Shared by the registration and recovery pages: captcha widgets and JSON forms with field errors. */
(function () {
  'use strict';

  /* Loads a new captcha into a [data-captcha] block: image, hidden captchaId, empty answer field.
     When the server exposes answers (load tests only) the answer is kept in data-answer for tests. */
  async function loadCaptcha(block) {
    var img = block.querySelector('img');
    var id = block.querySelector('input[name=captchaId]');
    var answer = block.querySelector('input[name=captchaAnswer]');
    var result = await Api.call('POST', '/api/captcha');
    answer.value = '';
    if (!result.ok) {
      img.removeAttribute('src');
      img.alt = result.body.message || 'Captcha tidak dapat dimuat.';
      var slot = block.querySelector('[data-error-for=captchaAnswer]');
      if (slot) { slot.textContent = result.body.message || 'Captcha tidak dapat dimuat. Coba lagi.'; }
      return;
    }
    id.value = result.body.id;
    img.src = result.body.image;
    img.alt = 'Gambar captcha: ketik huruf dan angka yang terlihat';
    if (result.body.answer) { img.setAttribute('data-answer', result.body.answer); } else { img.removeAttribute('data-answer'); }
  }

  function setupCaptchas(root) {
    (root || document).querySelectorAll('[data-captcha]').forEach(function (block) {
      var refresh = block.querySelector('[data-captcha-refresh]');
      if (refresh) {
        refresh.addEventListener('click', function () { loadCaptcha(block); block.querySelector('input[name=captchaAnswer]').focus(); });
      }
      loadCaptcha(block);
    });
  }

  /* Form values as JSON: text trimmed, passwords exactly as typed (never trimmed). */
  function json(form) {
    var out = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.disabled || el.type === 'submit' || el.type === 'button') { return; }
      out[el.name] = el.type === 'password' ? el.value : el.value.trim();
    });
    return out;
  }

  /* Submits a form to the API: button disabled while waiting, every field error shown beside its
     field, captcha renewed after any failure (a captcha works once). */
  function bind(form, options) {
    var box = form.querySelector('[data-message]');
    form.addEventListener('submit', async function (event) {
      event.preventDefault();
      var button = form.querySelector('button[type=submit]');
      button.disabled = true;
      Api.showErrors(form, box, null);
      try {
        var body = options.body ? options.body(json(form)) : json(form);
        var result = await Api.call(options.method || 'POST', options.path(body), options.method === 'GET' ? undefined : body);
        if (result.ok) {
          options.onSuccess(result, body);
        } else {
          Api.showErrors(form, box, result);
          if (result.body.fields && result.body.fields.captchaId && !result.body.fields.captchaAnswer) {
            form.querySelector('[data-error-for=captchaAnswer]').textContent = result.body.fields.captchaId;
          }
          if (options.onFailure) { options.onFailure(result); }
          // Some checks run after the captcha was used up, so every failure gets a fresh one.
          var captcha = form.querySelector('[data-captcha]');
          if (captcha) { loadCaptcha(captcha); }
        }
      } finally {
        button.disabled = false;
      }
    });
  }

  function show(element, text) {
    element.hidden = false;
    if (text !== undefined) { element.textContent = text; }
  }

  function param(name) {
    return new URLSearchParams(location.search).get(name);
  }

  window.Forms = { bind: bind, json: json, setupCaptchas: setupCaptchas, loadCaptcha: loadCaptcha, show: show, param: param };
})();

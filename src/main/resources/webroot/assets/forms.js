/* Shared by the registration and recovery pages: the captcha component, JSON forms with field
   errors, and the registration-number box with its copy button. */
(function () {
  'use strict';
  var el = Api.el;

  /* Draws the captcha component into an empty <div data-captcha>: image, "Ganti gambar", answer
     field, hidden captchaId, error slot. */
  function renderCaptcha(block) {
    if (block.querySelector('img')) { return; }
    var id = (block.closest('form').id || 'form') + '-captcha';
    block.classList.add('field', 'captcha');
    block.appendChild(el('label', { for: id, text: 'Ketik huruf/angka pada gambar' }));
    block.appendChild(el('div', { class: 'inline' }, [
      el('img', { alt: 'Memuat captcha…', width: '200', height: '60' }),
      el('button', { type: 'button', class: 'secondary', 'data-captcha-refresh': true, text: 'Ganti gambar' })]));
    block.appendChild(el('input', { id: id, name: 'captchaAnswer', autocomplete: 'off', autocapitalize: 'characters',
      spellcheck: 'false', maxlength: '10', required: true, 'aria-describedby': id + '-error' }));
    block.appendChild(el('input', { type: 'hidden', name: 'captchaId' }));
    block.appendChild(el('span', { class: 'error', id: id + '-error', 'data-error-for': 'captchaAnswer' }));
  }

  /* Loads a new captcha into a [data-captcha] block. When the server exposes answers (load tests
     only) the answer is kept in data-answer for tests. */
  async function loadCaptcha(block) {
    var img = block.querySelector('img');
    var id = block.querySelector('input[name=captchaId]');
    var answer = block.querySelector('input[name=captchaAnswer]');
    var result = await Api.call('POST', '/api/captcha');
    answer.value = '';
    if (!result.ok) {
      img.removeAttribute('src');
      img.alt = 'Captcha tidak dapat dimuat.';
      block.querySelector('[data-error-for=captchaAnswer]').textContent = result.body.message || 'Captcha tidak dapat dimuat. Coba lagi.';
      return;
    }
    id.value = result.body.id;
    img.src = result.body.image;
    img.alt = 'Gambar captcha: ketik huruf dan angka yang terlihat';
    if (result.body.answer) { img.setAttribute('data-answer', result.body.answer); } else { img.removeAttribute('data-answer'); }
  }

  function setupCaptchas(root) {
    (root || document).querySelectorAll('[data-captcha]').forEach(function (block) {
      renderCaptcha(block);
      block.querySelector('[data-captcha-refresh]').addEventListener('click', function () {
        loadCaptcha(block);
        block.querySelector('input[name=captchaAnswer]').focus();
      });
      loadCaptcha(block);
    });
  }

  /* Form values as JSON: text trimmed, passwords exactly as typed (never trimmed). */
  function json(form) {
    var out = {};
    Array.prototype.forEach.call(form.elements, function (e) {
      if (!e.name || e.disabled || e.type === 'submit' || e.type === 'button') { return; }
      if ((e.type === 'radio' || e.type === 'checkbox') && !e.checked) { return; }
      out[e.name] = e.type === 'password' ? e.value : e.value.trim();
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
          var fields = result.body.fields;
          // A captcha id problem (not loaded yet) is the captcha's: show it at the answer field.
          if (fields && fields.captchaId) { fields.captchaAnswer = fields.captchaId; delete fields.captchaId; }
          Api.showErrors(form, box, result);
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

  /* A registration number on one line, with a button that copies it. */
  function showNumber(box, number) {
    box.textContent = '';
    var text = el('span', { class: 'regnum', id: box.id + '-nomor', text: number });
    var copy = el('button', { type: 'button', class: 'secondary', text: 'Salin nomor' });
    var said = el('span', { class: 'done-text', role: 'status' });
    copy.addEventListener('click', async function () {
      try {
        await navigator.clipboard.writeText(number);
        said.textContent = 'Nomor tersalin.';
      } catch (e) {
        // No clipboard (an old browser, http): select the number so that the PNS can copy it.
        var range = document.createRange();
        range.selectNodeContents(text);
        getSelection().removeAllRanges();
        getSelection().addRange(range);
        said.textContent = 'Nomor terpilih; salin dengan menu perangkat Anda.';
      }
    });
    box.appendChild(text);
    box.appendChild(el('span', { class: 'inline' }, [copy, said]));
  }

  document.querySelectorAll('[data-captcha]').forEach(renderCaptcha);

  window.Forms = { bind: bind, json: json, setupCaptchas: setupCaptchas, loadCaptcha: loadCaptcha, show: show, param: param,
    showNumber: showNumber };
})();

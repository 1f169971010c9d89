// The library's first screen, painted from the hosted catalog before the app's WebAssembly has
// arrived (ARCHITECTURE.md, "First paint"). On a slow link the app is seconds of download; the
// catalog and this script are a few kilobytes, so the reader sees the newest articles at once.
//
// It draws what the app's first screen draws (the same elements and classes, so the stylesheet
// lays both out alike): the top bar, the filter column, the count and the newest cards. Only
// text goes into the page (`textContent`), never HTML, and only `http(s):` pictures. Its
// controls do nothing yet, but a card's link works (the app opens the article it names) and
// what is typed into the search field is searched when the app takes over: the app removes
// this screen in the same task as it draws its own, which it holds back until then
// (`src/browser/first_paint.rs`).
//
// It paints only the plain library view: a link to an article, a search in the address, a
// library from another site (`?library=`) or the page from disk are left to the app. It hands
// the responses it got to the app (`lecternFetched`), which would otherwise download them again.
(function () {
  'use strict';
  if (location.protocol === 'file:' || /[?&]library=/.test(location.search)) return;
  if (location.hash && location.hash !== '#' && location.hash !== '#/') return;

  // The interface's words, as `src/i18n/en.rs` and `zh.rs` say them (a test holds them equal).
  var WORDS = {
    en: {
      app_name: 'Lectern',
      search: 'Search',
      search_placeholder: 'Search articles…',
      open_files: 'Open files',
      open_folder: 'Open folder',
      theme_dark: 'Dark theme',
      theme_light: 'Light theme',
      other_language: '中文',
      other_language_label: '切换到中文界面',
      filters: 'Filters',
      show_filters: 'Filters and order',
      tags: 'Tags',
      remote_images: 'Pictures from other sites',
      remote_images_modes: ['Load', 'Ask first', 'Never'],
      list_layout: 'Compact list',
    },
    zh: {
      app_name: 'Lectern',
      search: '搜索',
      search_placeholder: '搜索文章…',
      open_files: '打开文件',
      open_folder: '打开文件夹',
      theme_dark: '深色主题',
      theme_light: '浅色主题',
      other_language: 'English',
      other_language_label: 'Switch the interface to English',
      filters: '筛选',
      show_filters: '筛选与排序',
      tags: '标签',
      remote_images: '其他网站的图片',
      remote_images_modes: ['加载', '先询问', '从不'],
      list_layout: '紧凑列表',
    },
  };
  // As `src/i18n/mod.rs` words them.
  var PHRASES = {
    en: {
      count: function (n) { return n === 1 ? '1 article' : n + ' articles'; },
      minutes: function (n) { return n + ' min read'; },
      daysAgo: function (n) { return n === 0 ? 'today' : n === 1 ? 'yesterday' : n + ' days ago'; },
      date: function (y, m, d) { return d + ' ' + MONTHS[m - 1] + ' ' + y; },
      pictureFrom: function (host) { return 'Picture from ' + host; },
    },
    zh: {
      count: function (n) { return n + ' 篇文章'; },
      minutes: function (n) { return n + ' 分钟'; },
      daysAgo: function (n) { return n === 0 ? '今天' : n === 1 ? '昨天' : n + ' 天前'; },
      date: function (y, m, d) { return y + '年' + m + '月' + d + '日'; },
      pictureFrom: function (host) { return '来自 ' + host + ' 的图片'; },
    },
  };
  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  // As many cards as the app draws at first (`PAGE` in `src/effects/list_place.rs`).
  var PAGE = 24;
  // Days a date counts as recent on a card (`src/calendar.rs`).
  var RECENT_DAYS = 7;

  function saved(key) {
    try {
      return localStorage.getItem(key);
    } catch (e) {
      return null;
    }
  }
  var tag = (saved('lectern.lang') || navigator.language || '').toLowerCase();
  var lang = tag.indexOf('zh') === 0 ? 'zh' : 'en';
  var words = WORDS[lang];
  var say = PHRASES[lang];
  var library = new URL('articles/', location.href);

  // Each request's response, also handed to the app (which takes it by its URL).
  var handed = {};
  window.lecternFetched = handed;
  function get(url) {
    var response = fetch(url);
    handed[url] = response.then(function (r) { return r.clone(); }, function () { return null; });
    return response.then(function (r) { return r.ok ? r.json() : null; });
  }
  get('articles/index.json')
    .then(function (catalog) {
      if (!catalog) return null;
      if (catalog.articles && catalog.articles.length) return { count: catalog.count || catalog.articles.length, articles: catalog.articles };
      if (!catalog.shards || !catalog.shards.length) return null;
      return get('articles/' + catalog.shards[0]).then(function (shard) {
        return shard && { count: catalog.count, articles: shard.articles || [] };
      });
    })
    .then(function (listed) {
      // The app may be on the page already: then the screen is its to draw.
      if (!listed || !listed.articles.length || window.lecternStarted) return;
      paint(listed.count, listed.articles.slice(0, PAGE));
    })
    .catch(function () {
      // A catalog this cannot read is the app's to explain.
    });

  function el(name, attributes, children) {
    var node = document.createElement(name);
    for (var key in attributes) if (attributes[key] !== null) node.setAttribute(key, attributes[key]);
    (children || []).forEach(function (child) {
      if (child !== null) node.append(child);
    });
    return node;
  }

  // A control of the app's, shown where it will be and disabled until the app is there.
  function button(classes, attributes, label) {
    attributes.type = 'button';
    attributes.class = classes;
    attributes.disabled = '';
    return el('button', attributes, [label]);
  }

  function paint(count, articles) {
    var theme = document.documentElement.dataset.theme ||
      (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
    var themeLabel = theme === 'dark' ? words.theme_light : words.theme_dark;
    var list = saved('lectern.list') === 'list';
    var mode = saved('lectern.remote-images') || 'load';
    var modes = ['load', 'ask', 'never'];
    var choice = el('select', { disabled: '' }, modes.map(function (name, i) {
      return el('option', { value: name, selected: name === mode ? '' : null }, [words.remote_images_modes[i]]);
    }));
    var screen = el('div', { id: 'first-paint', 'aria-busy': 'true' }, [
      el('header', { class: 'topbar' }, [
        el('a', { class: 'brand', href: '#/' }, [words.app_name]),
        el('input', { class: 'search', type: 'search', 'aria-label': words.search, placeholder: words.search_placeholder }),
        // Labels in the app (of its file inputs), not buttons.
        el('span', { class: 'button button-quiet open-folder' }, [words.open_folder]),
        el('span', { class: 'button open-files' }, [words.open_files]),
        el('div', { class: 'switches' }, [
          button('icon-button', { 'aria-label': themeLabel, title: themeLabel }, theme === 'dark' ? '☀' : '☾'),
          button('icon-button', { 'aria-label': words.other_language_label, lang: lang === 'en' ? 'zh-CN' : 'en' }, words.other_language),
        ]),
      ]),
      el('main', {}, [
        el('div', { class: 'library-layout' }, [
          el('aside', { class: 'filters', 'aria-label': words.filters }, [
            button('button button-quiet filters-toggle', { 'aria-expanded': 'false' }, words.show_filters),
            el('div', { class: 'filters-body' }, [el('div', { class: 'filters-head' }, [el('h2', {}, [words.filters])])]),
          ]),
          el('section', { class: 'library' }, [
            el('div', { class: 'library-head' }, [
              el('p', { class: 'count' }, [say.count(count)]),
              button('icon-button layout-toggle', { 'aria-pressed': String(list) }, words.list_layout),
              el('label', { class: 'remote-images' }, [words.remote_images, choice]),
            ]),
            el('div', { class: list ? 'grid grid-list' : 'grid' }, articles.map(function (summary) {
              return card(summary, mode);
            })),
          ]),
        ]),
      ]),
    ]);
    document.body.prepend(screen);
  }

  function card(summary, mode) {
    var cover = coverOf(summary, mode);
    var byline = [];
    var date = summary.date && shownDate(summary.date);
    if (date) byline.push(el('time', { datetime: date.attribute }, [date.text]));
    if (summary.authors && summary.authors.length) byline.push(el('span', { class: 'byline-authors' }, [summary.authors.join(', ')]));
    byline.push(el('span', {}, [say.minutes(summary.reading_minutes || 0)]));
    var parts = [];
    byline.forEach(function (part, i) {
      if (i > 0) parts.push(el('span', { class: 'sep', 'aria-hidden': 'true' }, [' · ']));
      parts.push(part);
    });
    var categories = summary.categories || [];
    var tags = summary.tags || [];
    return el('article', { class: cover ? 'card' : 'card card-plain' }, [
      cover,
      el('div', { class: 'card-body' }, [
        categories.length ? el('ul', { class: 'categories' }, categories.map(function (path) { return el('li', {}, [path.join(' › ')]); })) : null,
        el('h2', { class: 'card-title' }, [el('a', { href: readHref(hostedId(summary.id)) }, [summary.title])]),
        el('p', { class: 'byline' }, parts),
        tags.length ? el('ul', { class: 'card-tags', 'aria-label': words.tags }, tags.map(function (t) { return el('li', {}, [t]); })) : null,
        el('p', { class: 'card-excerpt' }, [summary.excerpt || '']),
      ]),
    ]);
  }

  // A cover as the app shows it (`src/ui/card.rs`, `src/ui/pictures.rs`): relative to the
  // library, `http(s):` only; another site's held back unless the reader lets them load.
  function coverOf(summary, mode) {
    if (!summary.cover) return null;
    var url;
    try {
      url = new URL(summary.cover, library);
    } catch (e) {
      return null;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    var allowed = (saved('lectern.image-hosts') || '').split('\n');
    if (url.origin !== location.origin && mode !== 'load' && allowed.indexOf(url.host) < 0) {
      return mode === 'never' ? null : el('div', { class: 'card-cover picture-held' }, [say.pictureFrom(url.host)]);
    }
    return el('div', { class: 'card-cover' }, [
      hideWhenBroken(el('img', { src: url.href, alt: summary.title, loading: 'lazy', decoding: 'async', referrerpolicy: 'no-referrer' })),
    ]);
  }

  // A cover that fails to load is hidden, as the app hides it (`hide_broken_image`).
  function hideWhenBroken(image) {
    image.addEventListener('error', function () {
      image.style.display = 'none';
    });
    return image;
  }

  // The card's date, as `Calendar::brief` shows it: in the reader's zone for an instant (a
  // date with its offset), as written for a local one; relative when recent.
  function shownDate(date) {
    var pad = function (n, width) { return String(n).padStart(width || 2, '0'); };
    var y = date.year, m = date.month, d = date.day, attribute;
    var offset = date.offset_minutes;
    if (offset !== null && offset !== undefined) {
      var instant = new Date(Date.UTC(y, m - 1, d, date.hour, date.minute, date.second) - offset * 60000);
      attribute = instant.getUTCFullYear() + '-' + pad(instant.getUTCMonth() + 1) + '-' + pad(instant.getUTCDate()) + 'T' +
        pad(instant.getUTCHours()) + ':' + pad(instant.getUTCMinutes()) + ':' + pad(instant.getUTCSeconds()) + 'Z';
      y = instant.getFullYear();
      m = instant.getMonth() + 1;
      d = instant.getDate();
    } else {
      attribute = pad(y, 4) + '-' + pad(m) + '-' + pad(d) +
        (date.has_time ? 'T' + pad(date.hour) + ':' + pad(date.minute) + ':' + pad(date.second) : '');
    }
    var today = new Date();
    var days = Math.round((Date.UTC(today.getFullYear(), today.getMonth(), today.getDate()) - Date.UTC(y, m - 1, d)) / 864e5);
    return { attribute: attribute, text: days >= 0 && days < RECENT_DAYS ? say.daysAgo(days) : say.date(y, m, d) };
  }

  // `articles::links::read_href`: each segment's bytes but `A-Za-z0-9-_.~` as `%XX`.
  function readHref(id) {
    return '#/read/' + id.split('/').map(function (segment) {
      return encodeURIComponent(segment).replace(/[!'()*]/g, function (c) {
        return '%' + c.charCodeAt(0).toString(16).toUpperCase();
      });
    }).join('/');
  }

  // `hosted_id` in `src/browser/fetch.rs`: a catalog never takes the reader's own ids.
  function hostedId(id) {
    return id.indexOf('dropped/') === 0 || id.indexOf('~') === 0 ? '~' + id : id;
  }
})();

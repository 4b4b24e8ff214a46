/*
 * kafka-latency-agent HTML report: zoom and pan for the slow-window timelines, and the metric
 * selector of the latency charts. Plain JS, no libraries, nothing fetched. Every drawn event
 * carries its times in ms from the window start (data-t0, data-t1; data-t for links), so zooming
 * recomputes x positions rather than scaling the SVG, which would stretch the labels.
 */
(function () {
  'use strict';
  var MIN_SPAN_MS = 0.01;

  function formatOffset(ms, step) {
    var digits = step >= 1 ? 0 : Math.min(3, Math.ceil(-Math.log10(step)));
    if (step >= 1000) {
      return '+' + (ms / 1000).toFixed(step >= 1000 && ms % 1000 === 0 ? 0 : 1) + ' s';
    }
    return '+' + ms.toFixed(digits) + ' ms';
  }

  function niceStep(range) {
    var raw = range / 8;
    var p = Math.pow(10, Math.floor(Math.log10(raw)));
    var m = raw / p;
    return (m < 2 ? 1 : m < 5 ? 2 : 5) * p;
  }

  function svgElement(parent, name, attrs) {
    var el = document.createElementNS(parent.namespaceURI, name);
    Object.keys(attrs).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    return el;
  }

  function Timeline(svg) {
    var box = svg.closest('.window');
    var span = parseFloat(svg.dataset.spanMs);
    var left = parseFloat(svg.dataset.labelWidth);
    var width = parseFloat(svg.dataset.plotWidth);
    var axisHeight = parseFloat(svg.dataset.axisHeight);
    var height = parseFloat(svg.getAttribute('height'));
    var timed = svg.querySelectorAll('[data-t0]');
    var links = svg.querySelectorAll('[data-t]');
    var axis = svg.querySelector('g.axis');
    var view = box.querySelector('.view');
    var details = box.querySelector('.details');
    var v0 = 0;
    var v1 = span;

    function x(t) { return left + (t - v0) * width / (v1 - v0); }

    function render() {
      timed.forEach(function (el) {
        var a = x(parseFloat(el.dataset.t0));
        var b = x(parseFloat(el.dataset.t1));
        el.setAttribute('x', a.toFixed(2));
        el.setAttribute('width', Math.max(1, b - a).toFixed(2));
      });
      links.forEach(function (el) {
        var p = x(parseFloat(el.dataset.t)).toFixed(2);
        el.setAttribute('x1', p);
        el.setAttribute('x2', p);
      });
      drawAxis();
      svg.dataset.viewFrom = v0.toFixed(3);
      svg.dataset.viewTo = v1.toFixed(3);
      view.textContent = 'showing ' + formatOffset(v0, 0.001) + ' to ' + formatOffset(v1, 0.001)
          + ' of ' + formatOffset(span, 0.001).slice(1);
    }

    function drawAxis() {
      while (axis.firstChild) { axis.removeChild(axis.firstChild); }
      var step = niceStep(v1 - v0);
      for (var i = Math.ceil(v0 / step); i * step <= v1; i++) {
        var px = x(i * step);
        axis.appendChild(svgElement(axis, 'line', { x1: px, x2: px, y1: axisHeight - 4, y2: height }));
        var label = svgElement(axis, 'text', { x: px + 2, y: axisHeight - 8 });
        label.textContent = formatOffset(i * step, step);
        axis.appendChild(label);
      }
    }

    function zoom(factor, at) {
      var c = at === undefined ? (v0 + v1) / 2 : Math.min(v1, Math.max(v0, at));
      var n0 = c - (c - v0) * factor;
      var n1 = c + (v1 - c) * factor;
      if (n1 - n0 < MIN_SPAN_MS) { return; }
      setView(n0, n1);
    }

    function setView(n0, n1) {
      var range = Math.min(span, n1 - n0);
      n0 = Math.max(0, Math.min(n0, span - range));
      v0 = n0;
      v1 = n0 + range;
      render();
    }

    function timeAt(clientX) {
      var r = svg.getBoundingClientRect();
      var px = (clientX - r.left) * (svg.width.baseVal.value / r.width);
      return v0 + (px - left) * (v1 - v0) / width;
    }

    svg.addEventListener('wheel', function (e) {
      e.preventDefault();
      zoom(e.deltaY < 0 ? 0.8 : 1.25, timeAt(e.clientX));
    }, { passive: false });

    var drag = null;
    svg.addEventListener('mousedown', function (e) {
      drag = { x: e.clientX, v0: v0, v1: v1, moved: false };
    });
    window.addEventListener('mousemove', function (e) {
      if (!drag) { return; }
      var r = svg.getBoundingClientRect();
      var px = (e.clientX - drag.x) * (svg.width.baseVal.value / r.width);
      if (Math.abs(px) > 2) { drag.moved = true; svg.classList.add('dragging'); }
      var dt = px * (drag.v1 - drag.v0) / width;
      setView(drag.v0 - dt, drag.v1 - dt);
    });
    window.addEventListener('mouseup', function () {
      svg.classList.remove('dragging');
      setTimeout(function () { drag = null; }, 0);
    });

    box.querySelectorAll('[data-zoom]').forEach(function (button) {
      button.addEventListener('click', function () {
        var how = button.dataset.zoom;
        if (how === 'in') { zoom(0.5); } else if (how === 'out') { zoom(2); } else { setView(0, span); }
      });
    });

    svg.querySelectorAll('.ev, .link').forEach(function (el) {
      el.addEventListener('click', function () {
        if (drag && drag.moved) { return; }
        svg.querySelectorAll('.picked').forEach(function (p) { p.classList.remove('picked'); });
        el.classList.add('picked');
        var title = el.querySelector('title');
        details.textContent = title ? title.textContent : '';
      });
    });

    svg.querySelectorAll('.ev.cascade').forEach(function (c) {
      var related = svg.querySelectorAll('[data-cascade="' + c.dataset.id + '"]');
      c.addEventListener('mouseenter', function () {
        related.forEach(function (el) { el.classList.add('hl'); });
      });
      c.addEventListener('mouseleave', function () {
        related.forEach(function (el) { el.classList.remove('hl'); });
      });
    });

    render();
  }

  function metricSelector() {
    var select = document.getElementById('metric');
    if (!select) { return; }
    function show() {
      document.querySelectorAll('svg.latency g.series').forEach(function (g) {
        g.style.display = g.dataset.metric === select.value ? '' : 'none';
      });
      document.body.dataset.metric = select.value;
    }
    select.addEventListener('change', show);
    show();
  }

  document.querySelectorAll('svg.timeline').forEach(function (svg) { new Timeline(svg); });
  metricSelector();
  document.body.dataset.ready = 'true';
})();

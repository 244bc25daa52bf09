'use strict';
// The Sluice console: polls the JSON API every few seconds and redraws. Plain DOM and inline SVG, no libraries.
(function () {
  const REFRESH_MILLIS = 5000;
  const SVG = 'http://www.w3.org/2000/svg';
  const GRAPH_WIDTH = 240;
  const GRAPH_HEIGHT = 48;

  function element(name, text, className) {
    const node = document.createElement(name);
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    if (className) {
      node.className = className;
    }
    return node;
  }

  function numberCell(value) {
    return element('td', value, 'number');
  }

  function formatNumber(value, digits) {
    return Number(value).toLocaleString('en-US', { maximumFractionDigits: digits === undefined ? 0 : digits });
  }

  function formatBytes(bytes) {
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return (unit === 0 ? value : value.toFixed(1)) + ' ' + units[unit];
  }

  // A line graph of the values (oldest first) scaled to the largest, with that maximum written in the corner.
  function graph(values, kind, label) {
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('class', 'graph ' + kind);
    svg.setAttribute('width', GRAPH_WIDTH);
    svg.setAttribute('height', GRAPH_HEIGHT);
    svg.setAttribute('viewBox', '0 0 ' + GRAPH_WIDTH + ' ' + GRAPH_HEIGHT);
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', label);
    const max = values.reduce((a, b) => Math.max(a, b), 0);
    const scale = max > 0 ? (GRAPH_HEIGHT - 14) / max : 0;
    const step = values.length > 1 ? GRAPH_WIDTH / (values.length - 1) : 0;
    const points = values.map((value, i) => (i * step).toFixed(1) + ',' + (GRAPH_HEIGHT - 2 - value * scale).toFixed(1));
    if (points.length === 1) {
      points.push(GRAPH_WIDTH + ',' + points[0].split(',')[1]);
    }
    const line = document.createElementNS(SVG, 'polyline');
    line.setAttribute('points', points.join(' '));
    svg.appendChild(line);
    const caption = document.createElementNS(SVG, 'text');
    caption.setAttribute('x', 4);
    caption.setAttribute('y', 11);
    caption.textContent = 'max ' + formatNumber(max, 1);
    svg.appendChild(caption);
    return svg;
  }

  function rejectedLink(job) {
    return '#rejected/' + encodeURIComponent(job.database) + '/' + encodeURIComponent(job.name);
  }

  function renderJobs(data) {
    document.getElementById('interval').textContent = data.sampleIntervalSeconds;
    const body = document.querySelector('#jobs tbody');
    body.replaceChildren();
    document.getElementById('no-jobs').hidden = data.jobs.length > 0;
    for (const job of data.jobs) {
      const row = element('tr');
      row.dataset.job = job.name;
      row.appendChild(element('td', job.database + '.' + job.name, 'job-name'));
      row.appendChild(element('td', job.table, 'job-table'));
      const stateCell = element('td');
      const state = element('span', job.state, 'state state-' + job.state);
      if (job.stateReason || job.otherMessage) {
        state.title = job.stateReason || job.otherMessage;
      }
      stateCell.appendChild(state);
      row.appendChild(stateCell);
      row.appendChild(numberCell(formatNumber(job.rowsPerSecond, 1)));
      row.appendChild(numberCell(formatNumber(job.offsetLag)));
      row.appendChild(numberCell(formatNumber(job.lagSeconds, 1)));
      row.appendChild(numberCell(formatNumber(job.loadedRows)));
      const errors = element('td', null, 'number');
      if (job.errorRows > 0) {
        const link = element('a', formatNumber(job.errorRows), 'rejected-link');
        link.href = rejectedLink(job);
        link.title = 'Show the rejected records';
        errors.appendChild(link);
      }
      else {
        errors.textContent = '0';
      }
      row.appendChild(errors);
      const rateCell = element('td');
      rateCell.appendChild(graph(job.history.rowsPerSecond, 'rate', 'rows per second of ' + job.name));
      row.appendChild(rateCell);
      const lagCell = element('td');
      lagCell.appendChild(graph(job.history.offsetLag, 'lag', 'offset lag of ' + job.name));
      row.appendChild(lagCell);
      body.appendChild(row);
    }
  }

  function renderTables(data) {
    const body = document.querySelector('#tables tbody');
    body.replaceChildren();
    for (const table of data.tables) {
      const row = element('tr');
      row.dataset.table = table.database + '.' + table.table;
      row.appendChild(element('td', table.database));
      row.appendChild(element('td', table.table, 'table-name'));
      row.appendChild(numberCell(formatNumber(table.rows)));
      row.appendChild(numberCell(formatNumber(table.segments)));
      row.appendChild(numberCell(formatBytes(table.bytes)));
      body.appendChild(row);
    }
  }

  function renderRejected(data) {
    document.getElementById('rejected-job').textContent = data.database + '.' + data.job;
    document.getElementById('rejected-summary').textContent =
        data.errorRows + ' error rows in all; the newest ' + data.records.length + ' records kept:';
    const body = document.querySelector('#rejected-table tbody');
    body.replaceChildren();
    for (const record of data.records) {
      const row = element('tr', null, 'rejected-record');
      row.appendChild(numberCell(record.partition));
      row.appendChild(numberCell(record.offset));
      row.appendChild(element('td', record.messageTimeMillis === null ? '' : new Date(record.messageTimeMillis).toISOString(), 'time'));
      row.appendChild(element('td', record.reason, 'reason'));
      row.appendChild(element('td', record.message, 'message'));
      body.appendChild(row);
    }
  }

  async function fetchJson(path) {
    const response = await fetch(path, { cache: 'no-store' });
    if (!response.ok && response.status !== 503) {
      throw new Error(path + ': HTTP ' + response.status);
    }
    return response.json();
  }

  // "#rejected/<database>/<job>" shows that job's rejected records instead of the overview.
  function rejectedTarget() {
    const match = /^#rejected\/([^/]+)\/([^/]+)$/.exec(window.location.hash);
    return match ? { database: decodeURIComponent(match[1]), name: decodeURIComponent(match[2]) } : null;
  }

  async function refresh() {
    const health = document.getElementById('health');
    try {
      const status = await fetchJson('api/health');
      health.textContent = status.status;
      health.className = 'health ' + (status.status === 'UP' ? 'up' : 'down');
      const target = rejectedTarget();
      document.getElementById('rejected-view').hidden = target === null;
      document.getElementById('overview').hidden = target !== null;
      if (target !== null) {
        renderRejected(await fetchJson('api/jobs/' + encodeURIComponent(target.name) + '/rejected?database=' + encodeURIComponent(target.database)));
      }
      else {
        const [jobs, tables] = await Promise.all([fetchJson('api/jobs'), fetchJson('api/tables')]);
        renderJobs(jobs);
        renderTables(tables);
      }
      document.getElementById('updated').textContent = 'updated ' + new Date().toLocaleTimeString();
      document.body.dataset.loaded = 'true';
    }
    catch (error) {
      health.textContent = 'unreachable';
      health.className = 'health down';
      document.getElementById('updated').textContent = String(error.message);
    }
  }

  window.addEventListener('hashchange', refresh);
  refresh();
  setInterval(refresh, REFRESH_MILLIS);
})();

// The admin console's charts: finds each <canvas data-chart="id"> and the <script type="application/json"
// id="id"> beside it, and draws the data with Chart.js (loaded before this file, from the bot itself).
// No inline script or style is needed, so the pages keep a strict Content-Security-Policy. Every chart's
// numbers are also in a table on the page, so a chart that cannot be drawn loses nothing.
(() => {
  if (typeof window.Chart !== "function") return;

  // Okabe–Ito colours first (told apart with colour blindness), then a few more for long series lists.
  const COLOURS = [
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
    "#7F3C8D",
    "#11A579",
    "#3969AC",
    "#E73F74",
    "#80BA5A",
    "#A5AA99",
  ];
  const reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function formatter(spec) {
    if (spec.unit === "percent") {
      const format = new Intl.NumberFormat(undefined, { style: "percent", maximumFractionDigits: 0 });
      return (value) => format.format(value);
    }
    if (spec.unit === "money") {
      const format = new Intl.NumberFormat(undefined, {
        style: "currency",
        currency: spec.currency || "USD",
        maximumFractionDigits: 0,
      });
      return (value) => format.format(value);
    }
    if (spec.unit === "points") {
      const format = new Intl.NumberFormat(undefined, {
        maximumFractionDigits: 1,
        signDisplay: "exceptZero",
      });
      return (value) => `${format.format(value)} pts`;
    }
    const format = new Intl.NumberFormat();
    return (value) => format.format(value);
  }

  // Each rule's uplift as a point on its 95% interval, a floating horizontal bar; 0 is "no effect",
  // drawn darker. Interval series (proven, not proven) share each rule's row instead of sitting side
  // by side, and the points are drawn over the bars.
  function intervalConfig(spec) {
    const format = formatter(spec);
    return {
      type: "bar",
      data: {
        labels: spec.labels,
        datasets: spec.series.map((series, index) => {
          const colour = COLOURS[index % COLOURS.length];
          return series.ranges
            ? {
                type: "bar",
                label: series.label,
                data: series.ranges,
                backgroundColor: `${colour}66`,
                borderColor: colour,
                borderWidth: 1,
                barPercentage: 0.5,
                grouped: false,
                order: 1,
              }
            : {
                type: "line",
                label: series.label,
                data: series.values,
                showLine: false,
                pointRadius: 6,
                pointStyle: "rectRot",
                borderColor: colour,
                backgroundColor: colour,
                order: 0,
              };
        }),
      },
      options: {
        indexAxis: "y",
        responsive: true,
        maintainAspectRatio: false,
        animation: reduceMotion ? false : { duration: 400 },
        scales: {
          x: {
            title: { display: true, text: "Uplift in percentage points (0: no effect)" },
            ticks: { callback: (value) => format(value) },
            grid: {
              color: (context) => (context.tick?.value === 0 ? "#555" : "rgba(0, 0, 0, 0.1)"),
              lineWidth: (context) => (context.tick?.value === 0 ? 2 : 1),
            },
          },
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: (item) =>
                Array.isArray(item.raw)
                  ? `${item.dataset.label}: ${format(item.raw[0])} to ${format(item.raw[1])}`
                  : `${item.dataset.label}: ${item.raw === null ? "–" : format(item.raw)}`,
            },
          },
        },
      },
    };
  }

  function config(spec) {
    if (spec.kind === "interval") return intervalConfig(spec);
    const format = formatter(spec);
    const line = spec.kind === "line";
    return {
      type: line ? "line" : "bar",
      data: {
        labels: spec.labels,
        datasets: spec.series.map((series, index) => {
          const colour = COLOURS[index % COLOURS.length];
          return {
            label: series.label,
            data: series.values,
            borderColor: colour,
            backgroundColor: line ? colour : `${colour}CC`,
            borderWidth: series.dashed ? 3 : 2,
            borderDash: series.dashed ? [6, 4] : [],
            pointRadius: line ? 3 : 0,
            spanGaps: true,
            // Straight segments: a curve would suggest values between the weeks that were never measured.
            tension: 0,
          };
        }),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: reduceMotion ? false : { duration: 400 },
        interaction: { mode: "index", intersect: false },
        scales: {
          x: { stacked: Boolean(spec.stacked) },
          y: {
            stacked: Boolean(spec.stacked),
            // Bars start at zero; a trend line of scores between 80% and 100% is read on its own range.
            beginAtZero: !line,
            ...(spec.unit === "percent" ? { max: 1 } : {}),
            // Counts of messages are whole: no 2.5 on the axis.
            ticks: { callback: (value) => format(value), ...(spec.unit === "count" ? { precision: 0 } : {}) },
          },
        },
        plugins: {
          // The legend is the list under the chart (markup.ts): on a phone Chart.js's own would
          // leave out the series it has no room for.
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: (item) => `${item.dataset.label}: ${item.raw === null ? "–" : format(item.raw)}`,
            },
          },
        },
      },
    };
  }

  // Each swatch in the series' colour, set through the CSSOM (no inline style in the markup).
  function colourLegend(id) {
    const legend = document.querySelector(`ul.chart-legend[data-legend="${CSS.escape(id)}"]`);
    if (!legend) return;
    for (const [index, swatch] of [...legend.querySelectorAll(".swatch")].entries()) {
      const colour = COLOURS[index % COLOURS.length];
      swatch.style.borderColor = colour;
      if (!swatch.parentElement.classList.contains("dashed")) swatch.style.backgroundColor = colour;
    }
  }

  for (const canvas of document.querySelectorAll("canvas[data-chart]")) {
    const source = document.getElementById(canvas.dataset.chart);
    if (!source) continue;
    try {
      new window.Chart(canvas, config(JSON.parse(source.textContent)));
      colourLegend(canvas.dataset.chart);
    } catch {
      // The table below the chart has the same numbers: the figure says the chart is missing instead.
      canvas.closest("figure")?.classList.add("chart-failed");
    }
  }
})();

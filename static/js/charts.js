// Draws a bar chart in every <canvas id="X"> that has a <script id="X-data"> beside it
// (written by Django's json_script). The same figures are in a table next to each chart.
(function () {
  "use strict";
  if (typeof Chart === "undefined") return;
  var euro = new Intl.NumberFormat("en-GB", { notation: "compact", maximumFractionDigits: 1 });
  document.querySelectorAll("canvas[id]").forEach(function (canvas) {
    var source = document.getElementById(canvas.id + "-data");
    if (!source) return;
    var data = JSON.parse(source.textContent);
    var isMoney = /EUR/.test(data.label);
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: [{ label: data.label, data: data.values, backgroundColor: "#1f5f8b", borderRadius: 3 }],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: false } },
        scales: {
          y: {
            beginAtZero: true,
            ticks: {
              precision: 0,
              callback: function (value) { return isMoney ? "€" + euro.format(value) : value; },
            },
          },
        },
      },
    });
  });
})();

/* Dashboard behaviour that a strict content security policy allows (no inline script). */
(function () {
  "use strict";
  var print = document.getElementById("print-summary");
  if (print) {
    print.addEventListener("click", function () {
      window.print();
    });
  }
})();

// The API explorer: Swagger UI (served from this server) over /openapi.json; no validator badge, no outside requests.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    window.SwaggerUIBundle({
      url: "/openapi.json",
      dom_id: "#swagger-ui",
      validatorUrl: null,
      deepLinking: false,
      tryItOutEnabled: false
    });
  });
})();

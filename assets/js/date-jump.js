// 按日期查找: the form goes to the edition of the chosen day, or to its month's page when no paper
// appeared that day. Without this script the form stays hidden and the month links do the job.
const form = document.querySelector("form[data-date-jump]");
if (form) {
  const dates = new Set((form.dataset.dates ?? "").split(" ").filter(Boolean));
  const months = new Set([...dates].map((date) => date.slice(0, 7)));
  const root = new URL(form.dataset.root ?? "./", document.baseURI);
  const status = form.querySelector(".date-jump-status");
  form.hidden = false;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const date = String(new FormData(form).get("date") ?? "");
    if (dates.has(date)) {
      location.assign(new URL(`${date}/`, root));
    } else if (months.has(date.slice(0, 7))) {
      location.assign(new URL(`archive/${date.slice(0, 4)}/${date.slice(5, 7)}/`, root));
    } else if (status) {
      status.textContent = "这个月没有出版的报纸。";
    }
  });
}

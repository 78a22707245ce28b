/**
 * The reports' only script, inlined: verdict and command filters, and opening the scenario a
 * link points at (`report.html#s-auth_2fwrong-password`). It reads the page's own data-
 * attributes and never touches the network. Pages work without it, all rows shown.
 */
export const PAGE_SCRIPT = `(function(){
var d=document;
function all(s,r){return Array.prototype.slice.call((r||d).querySelectorAll(s));}
function apply(){
  var on={};all('input[data-filter-verdict]').forEach(function(i){on[i.value]=i.checked;});
  var g=d.getElementById('filter-group');var group=g?g.value:'';
  all('[data-verdict][data-group]').forEach(function(el){
    var show=on[el.getAttribute('data-verdict')]!==false&&(group===''||el.getAttribute('data-group')===group);
    el.classList.toggle('hidden',!show);
  });
  all('[data-section]').forEach(function(sec){
    var items=all('[data-verdict][data-group]',sec);
    sec.classList.toggle('hidden',items.length>0&&items.every(function(i){return i.classList.contains('hidden');}));
  });
  var c=d.getElementById('shown-count');
  if(c)c.textContent=String(all('details.scenario[data-verdict]').filter(function(e){return !e.classList.contains('hidden');}).length);
}
all('input[data-filter-verdict],#filter-group').forEach(function(i){i.addEventListener('change',apply);});
var ex=d.getElementById('expand-failed');
if(ex)ex.addEventListener('click',function(){all('details.scenario').forEach(function(e){var v=e.getAttribute('data-verdict');e.open=(v==='FAIL'||v==='ERROR')&&!e.classList.contains('hidden');});});
function openHash(){
  if(!location.hash)return;
  var el=d.getElementById(decodeURIComponent(location.hash.slice(1)));
  if(!el)return;
  if(el.tagName==='DETAILS')el.open=true;
  el.classList.remove('hidden');
  el.scrollIntoView({block:'start'});
}
window.addEventListener('hashchange',openHash);
apply();openHash();
})();`;

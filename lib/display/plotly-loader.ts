/**
 * The browser side of `plot`'s text/html part: draws a figure with plotly.js loaded by URL from the
 * Jupyter server that serves the notebook, so a notebook never carries the 11 MB library itself.
 *
 * plotly.js is the project's own copy, `node_modules/plotly.js-dist/plotly.js`, fetched through the
 * server's `/files/` endpoint. The notebook's path (classic Notebook: `data-notebook-path`; JupyterLab
 * and Notebook 7: the page URL) locates the project root: notebooks live in `<root>/notebooks/`, so
 * the notebook folder's parent comes first, then the notebook folder and each ancestor up to the
 * server root. In classic Notebook (RequireJS on the page) it loads through RequireJS with those
 * URLs as fallback paths; elsewhere through <script> tags tried in turn. Every chart starts as a
 * visible one-line message, removed when the chart draws and replaced when plotly.js cannot load,
 * so an untrusted notebook (scripts off), a stale output or a page without a server never shows an
 * empty area.
 */

/** The message a chart shows until it draws (it stays when scripts do not run: an untrusted notebook). */
export const NOT_DRAWN_MESSAGE = 'Chart not drawn: this notebook is not trusted (File > Trust Notebook) or its output is stale; re-run the cell.';

/** Shown instead when no URL served plotly.js (e.g. an nbconvert HTML page opened without a Jupyter server). */
export const NO_PLOTLY_MESSAGE = 'Chart not drawn: plotly.js could not be loaded from a Jupyter server '
  + '(open the notebook with `npm run jupyter`, or see the HTML report of `npm start`); tried: ';

/** Path of plotly.js inside the project, as served under `<base>files/<root>/`. */
export const PLOTLY_FILE = 'node_modules/plotly.js-dist/plotly.js';

/**
 * `window.__polyactDraw(id, figure)`: defined by the first chart script that runs on the page, shared
 * by the others (one load of plotly.js per page). ES5, no dependencies.
 */
export const DRAW_FUNCTION = `window.__polyactDraw=window.__polyactDraw||(function(){
var w=window,queue=[],state='idle';
function message(el,text){var m=el.querySelector('.polyact-plot-message');if(m)m.textContent=text;}
function draw(item){var el=document.getElementById(item[0]),f=item[1];if(!el)return;
var m=el.querySelector('.polyact-plot-message');if(m)m.parentNode.removeChild(m);
var c={responsive:true};for(var k in (f.config||{}))c[k]=f.config[k];
w.Plotly.newPlot(el,f.data||[],f.layout||{},c);}
function urls(){var b=document.body,base='/',nb=null,cfg=document.getElementById('jupyter-config-data');
if(b&&b.getAttribute('data-base-url')!==null){base=b.getAttribute('data-base-url');nb=b.getAttribute('data-notebook-path');}
else if(cfg){try{base=JSON.parse(cfg.textContent).baseUrl||'/';}catch(e){}
var p=decodeURIComponent(w.location.pathname),i=p.indexOf(base);if(i>=0)p=p.slice(i+base.length);
var r=/^(?:lab\\/tree|lab\\/workspaces\\/[^\\/]+\\/tree|doc\\/tree|notebooks|tree)\\/(.+\\.ipynb)$/.exec(p);if(r)nb=r[1];}
if(base.charAt(base.length-1)!=='/')base+='/';
var parts=nb?nb.split('/').slice(0,-1):[],dirs=[];
if(parts.length)dirs.push(parts.slice(0,-1).join('/'));
for(var n=parts.length;n>=0;n--){var d=parts.slice(0,n).join('/');if(dirs.indexOf(d)<0)dirs.push(d);}
var out=[];for(var j=0;j<dirs.length;j++){var e=dirs[j]?dirs[j].split('/').map(encodeURIComponent).join('/')+'/':'';out.push(base+'files/'+e+${JSON.stringify(PLOTLY_FILE)});}
return out;}
function done(){state=w.Plotly?'ready':'failed';var all=queue;queue=[];for(var i=0;i<all.length;i++){
if(state==='ready')draw(all[i]);else{var el=document.getElementById(all[i][0]);if(el)message(el,${JSON.stringify(NO_PLOTLY_MESSAGE)}+tried.join(', '));}}}
var tried=[];
function load(){var list=urls();tried=list;state='loading';
if(w.requirejs&&w.define&&w.define.amd){
w.requirejs.config({paths:{'polyact-plotly':list.map(function(u){return u.replace(/\\.js$/,'');})}});
w.requirejs(['polyact-plotly'],function(P){if(P&&!w.Plotly)w.Plotly=P;done();},function(){w.requirejs.undef('polyact-plotly');done();});return;}
(function next(i){if(w.Plotly||i>=list.length)return done();var s=document.createElement('script');s.src=list[i];
s.onload=function(){if(w.Plotly)done();else next(i+1);};s.onerror=function(){next(i+1);};document.head.appendChild(s);})(0);}
return function(id,f){if(w.Plotly)return draw([id,f]);queue.push([id,f]);if(state==='idle'||state==='failed')load();};
})();`.replace(/\n/g, '');

import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
var o={version:"0.2.0"};var n=o.version;export{n as a};

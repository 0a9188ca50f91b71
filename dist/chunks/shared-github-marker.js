import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);

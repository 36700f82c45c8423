/* 柜面投诉应对: xAPI learning records (xapi.js) */
"use strict"

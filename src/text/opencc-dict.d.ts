/** opencc-js's dictionary data modules: "source target|source target…" (one string, exported as default). */
declare module 'opencc-js/dict/TSCharacters' {
  const dict: string;
  export default dict;
}
declare module 'opencc-js/dict/CJK_Compatibility_Ideographs' {
  const dict: string;
  export default dict;
}

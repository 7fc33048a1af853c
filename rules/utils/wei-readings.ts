// The characters of U+4E00–U+9FFF one of whose Mandarin readings is "wei" (pinyin-pro 3.x, all
// readings, tones dropped): the first halves of 微信 homophones (威信, 维信, 唯信 …). A table
// rather than the pinyin library at run time: its dictionaries cost ~4 MB of heap and start-up
// time for this one question. tests/rules/wei-readings.test.ts checks it against pinyin-pro.
export const WEI_READING_CHARS =
  "为亹伟伪位倭偉偎偽僞儰卫危厃叞味唩唯喂喡喴囗囲围圍圩墛壝委威娓媁媙媦寪尉尾屗峗峞崣崴嵔嵬嶉嶶巍帏帷幃廆徫微惟愄愇慰懀捤捼揋揻撝撱斖暐未桅梶椲椳楲欈沩洈洧浘涠渨渭湋溈溦潍潙潿濰濻瀢炜為烓煒煟煨熭燰爲犚犩猚猥猬玮琟瑋瓗畏痏痿癐癓瞆矀硙碨磈磑維緭緯縅纬维罻胃腲艉芛苇苿荱菋萎葦葨葳蒍蓶蔚蔿薇薳藯蘶蜲蜼蝛蝟螱衛衞褽覣覹詴諉謂讆讏诿谓踓躗躛軎轊违逶違遗鄬醀鍏鍡鏏闈闱隇隈隗隹霨霺韋韑韙韡韦韪頠颹餧餵饖骩骪骫魏鮇鮠鮪鰃鰄鲔鳂鳚";

const WEI = new Set(WEI_READING_CHARS);

/** Whether the character can be read "wei". */
export function readsWei(char: string): boolean {
  return WEI.has(char);
}
